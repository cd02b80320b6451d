/**
 * The Caveat server's HTTP API, as the background uses it. Requests go only to the configured
 * server, with the optional token.
 */
import { serverBase } from "../shared/settings.js";

const TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {{server: string, token: string}} settings
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
async function request(settings, path, init = {}) {
  const headers = new Headers(init.headers);
  if (settings.token) headers.set("Authorization", `Bearer ${settings.token}`);
  let response;
  try {
    response = await fetch(serverBase(settings.server) + path, {
      ...init,
      headers,
      credentials: "omit",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new ApiError(`Cannot reach the Caveat server at ${settings.server}: ${String(err)}`, "unreachable");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(error.message ?? `The server answered ${response.status}`, error.code ?? `http-${response.status}`);
  }
  if (body === null) throw new ApiError("The server's answer was not JSON", "bad-response");
  return body;
}

/**
 * @param {{server: string, token: string}} settings
 * @returns {Promise<string[]>}
 */
export async function fetchTopics(settings) {
  const body = await request(settings, "/api/v1/topics");
  return Array.isArray(body.terms) ? body.terms.filter((/** @type {unknown} */ t) => typeof t === "string") : [];
}

/**
 * @param {{server: string, token: string}} settings
 * @param {string} url
 * @param {string} html
 */
export function analyzePage(settings, url, html) {
  return request(settings, "/api/v1/analyze", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ url, html }),
  });
}

/**
 * @param {{server: string, token: string}} settings
 */
export function health(settings) {
  return request(settings, "/healthz");
}

/**
 * The optional endpoints the server advertises in /healthz; an older server lists none.
 * @param {{server: string, token: string}} settings
 * @returns {Promise<string[]>}
 */
export async function fetchFeatures(settings) {
  const body = await health(settings);
  return Array.isArray(body.features) ? body.features.filter((/** @type {unknown} */ f) => typeof f === "string") : [];
}

/**
 * @param {{server: string, token: string}} settings
 * @param {import("../feedback/report.js").FeedbackReport} report
 * @returns {Promise<{id: number, created_at: string}>}
 */
export function sendFeedback(settings, report) {
  return request(settings, "/api/v1/feedback", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(report),
  });
}
