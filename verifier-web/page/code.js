// The typed-code check, for whoever has no camera: the document number and the verification
// code printed under the QR code are posted to the issuer's public check, which answers the
// status (valid, revoked, superseded) and the sealed data, or the same 404 for a wrong code or an
// unknown number. Unlike the seal, this needs the network.

/** The number as printed (upper-case hex), without the spaces or dashes a person may type. */
export function normalizeNumber(text) {
  return String(text).toUpperCase().replace(/[\s-]+/g, "");
}

/**
 * Posts the check. Answers `{ kind: "result", report }`, `{ kind: "wrong" }` (no document with this
 * number and code), `{ kind: "limited", minutes }` (too many tries), `{ kind: "offline" }` or
 * `{ kind: "error" }`.
 */
export async function checkCode(urlTemplate, number, code, lang) {
  const url = urlTemplate.replace("{number}", encodeURIComponent(normalizeNumber(number)));
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": lang },
      body: JSON.stringify({ code: String(code).trim() }),
      cache: "no-store",
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.status === 200) {
    const body = await response.json().catch(() => null);
    return body ? { kind: "result", report: reportOf(body) } : { kind: "error" };
  }
  if (response.status === 429) {
    const seconds = Number(response.headers.get("retry-after")) || 60;
    return { kind: "limited", minutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
  // 404: wrong code or unknown number, told apart by nobody; 400/422: not a code at all.
  if ([400, 404, 422].includes(response.status)) return { kind: "wrong" };
  return { kind: "error" };
}

/** The check's answer in the shape of the verifier's report, for the result screen. */
export function reportOf(body) {
  const d = body.document ?? {};
  return {
    verdict: body.status,
    reason: body.status === "valid" ? null : body.status,
    source: "code",
    online: { reason: body.reason ?? null, superseded_by: body.superseded_by ?? null },
    content_binding: "online-code",
    issuer: d.issuer ?? null,
    claims: {
      document_id: d.document_number,
      family_name: d.family_name,
      given_name: d.given_names,
      birth_date: d.birth_date,
      outcome: d.outcome ?? null,
      bulletin: d.bulletin ?? null,
      issued_at: d.issued_at,
      valid_until: d.valid_until ?? null,
    },
  };
}
