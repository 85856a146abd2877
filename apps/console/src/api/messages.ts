import type { ApiError } from './client';

/** The API's error codes (docs/errors.md) the console's read views meet, as a person should read them. */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您的角色无权查看这部分内容',
  NOT_FOUND: '找不到这条记录',
  SUBGRAPH_UNAVAILABLE: '这部分服务暂时不可用，请稍后再试',
  SUBGRAPH_TIMEOUT: '这部分服务响应超时，请稍后再试',
  QUERY_TOO_COSTLY: '一次查询的内容太多，请缩小范围',
  NETWORK: '连接不上服务器',
  GATEWAY_UNAVAILABLE: '网关暂时不可用',
  INTERNAL_SERVER_ERROR: '服务器出了问题，请稍后再试',
};

/** A clear sentence for an error code; unknown codes keep the server's message and show the code. */
export function messageFor(error: Pick<ApiError, 'code' | 'message'>): string {
  return MESSAGES[error.code] ?? `${error.message || '出错了'}（${error.code}）`;
}

/** The errors that concern one field of the answer (its path starts with `field`). */
export function errorsAt(errors: ApiError[], ...path: (string | number)[]): ApiError[] {
  return errors.filter((error) => path.every((part, index) => error.path?.[index] === part));
}
