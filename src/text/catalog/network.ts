import { defineTopic } from "./define.js";

/**
 * Failed GitHub requests as a person reads them (the CLI's `error:` lines, the sweep's per-repository
 * errors): a request that never got an answer says which host and why; GitHub's own message, which
 * is English, is quoted as it is.
 */
export type UnreachableReason =
  | "dns"
  | "refused"
  | "reset"
  | "timeout"
  | "host-unreachable"
  | "network-unreachable"
  | "cert-expired"
  | "cert-self-signed"
  | "cert-untrusted";

interface NetworkParams {
  unreachable: { host: string; reason: UnreachableReason };
  "not-found": { message: string };
  forbidden: { message: string };
  status: { message: string; status: number };
}

const REASON_EN: Record<UnreachableReason, string> = {
  dns: "DNS lookup failed",
  refused: "connection refused",
  reset: "connection reset",
  timeout: "timed out",
  "host-unreachable": "host unreachable",
  "network-unreachable": "network unreachable",
  "cert-expired": "TLS certificate expired",
  "cert-self-signed": "self-signed TLS certificate",
  "cert-untrusted": "TLS certificate not trusted",
};

const REASON_KO: Record<UnreachableReason, string> = {
  dns: "DNS 조회 실패",
  refused: "연결 거부",
  reset: "연결 끊김",
  timeout: "시간 초과",
  "host-unreachable": "호스트에 닿지 못함",
  "network-unreachable": "네트워크에 닿지 못함",
  "cert-expired": "TLS 인증서 만료",
  "cert-self-signed": "자체 서명 TLS 인증서",
  "cert-untrusted": "신뢰할 수 없는 TLS 인증서",
};

export const network = defineTopic<NetworkParams>({
  en: {
    unreachable: ({ host, reason }) => `cannot reach ${host} (${REASON_EN[reason]})`,
    "not-found": ({ message }) => `not found or no longer accessible (404): ${message}`,
    forbidden: ({ message }) => `access denied (403): ${message}`,
    status: ({ message, status }) => `${message} (HTTP ${status})`,
  },
  ko: {
    unreachable: ({ host, reason }) => `${host}에 연결하지 못했습니다 (${REASON_KO[reason]})`,
    "not-found": ({ message }) => `찾을 수 없거나 더는 접근할 수 없습니다 (404): ${message}`,
    forbidden: ({ message }) => `접근이 거부되었습니다 (403): ${message}`,
    status: ({ message, status }) => `GitHub가 HTTP ${status}로 답했습니다: ${message}`,
  },
});
