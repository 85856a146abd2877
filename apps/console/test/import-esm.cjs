// A native import() for packages published as ES modules only (oidc-provider): written in a file the swc transform
// leaves alone, so jest (run with --experimental-vm-modules) loads the package as a module instead of require()-ing it.
module.exports = (specifier) => import(specifier);
