import { errorFactory, type Catalog } from '../../../core/errors.js';

/**
 * Payment error catalog (DVCQG Payment Platform "PP DVCQG" and PayGov). `wire` is the `MaLoi` of a PP DVCQG
 * reply, or the `error_code` of a PayGov reply. Only MaLoi "00" (success) and "99" are known
 * (specs/dvcqg-ndxp.md A10, [NF] beyond them); the other numbers and every PayGov word except
 * SUCCESSFUL/FAILED are ours (docs/decisions/009-dvcqg-payments.md §3).
 */
export const PAYMENT_ERRORS = {
  // PP DVCQG (/dvcqg/payment/…): MaLoi / MoTaLoi
  DVCQG_PAY_BAD_BODY: { http: 400, wire: '02', title: 'PP DVCQG: the body is not a JSON object.' },
  DVCQG_PAY_MISSING_FIELD: { http: 400, wire: '01', title: 'PP DVCQG: a required field is missing or empty (the message names it).' },
  DVCQG_PAY_BAD_FIELD: { http: 400, wire: '02', title: 'PP DVCQG: a field has the wrong type or format (string expected, SoTien a positive integer, ThoiGianGD yyyyMMddHHmmss, MaThamChieu at most 20 characters, MaDichVu 1 or 2, …).' },
  DVCQG_PAY_BAD_MESSAGE_TYPE: { http: 400, wire: '07', title: 'PP DVCQG: LoaiBanTin is not the value of this operation (strict mode; lenient records a warning).' },
  DVCQG_PAY_CHECKSUM: { http: 401, wire: '03', title: 'PP DVCQG: MaXacThuc is not the SHA-256 of the |-joined fields and the partner hash_key.' },
  DVCQG_PAY_UNKNOWN_PARTNER: { http: 401, wire: '04', title: 'PP DVCQG: MaDoiTac names no payment partner.' },
  DVCQG_PAY_DUPLICATE_REF: { http: 409, wire: '05', title: 'PP DVCQG: MaThamChieu was already used by this partner.' },
  DVCQG_PAY_UNKNOWN_REF: { http: 404, wire: '06', title: 'PP DVCQG: no transaction with this MaThamChieu for this partner, or no transaction at this payment-page reference.' },
  DVCQG_PAY_NOT_PAID: { http: 409, wire: '08', title: 'PP DVCQG: the bill (biên lai) of a transaction that is not paid was asked for.' },
  DVCQG_PAY_ALREADY_COMPLETED: { http: 409, wire: '09', title: 'The transaction was already paid, failed or cancelled; it cannot be completed again.' },
  DVCQG_PAY_INTERNAL: { http: 500, wire: '99', title: 'Unexpected failure inside the emulator; accepted data is kept.' },
  // PayGov (/dvcqg/paygov/…): error_code / error_message
  DVCQG_PAY_PAYGOV_UNAUTHORIZED: { http: 401, wire: 'UNAUTHORIZED', title: 'PayGov: the Authorization: Bearer or lgspaccesstoken header (LGSP tokens) is missing or empty.' },
  DVCQG_PAY_PAYGOV_BAD_BODY: { http: 400, wire: 'INVALID_PARAMETER', title: 'PayGov: the body is not a JSON object.' },
  DVCQG_PAY_PAYGOV_MISSING_FIELD: { http: 400, wire: 'INVALID_PARAMETER', title: 'PayGov: a required field is missing or empty.' },
  DVCQG_PAY_PAYGOV_BAD_FIELD: { http: 400, wire: 'INVALID_PARAMETER', title: 'PayGov: a field has the wrong type or format (amount a positive integer, orderInfo without diacritics, base64 JSON paids, …).' },
  DVCQG_PAY_PAYGOV_ORDER_ID: { http: 400, wire: 'INVALID_ORDER_ID', title: 'PayGov: orderId is not <agency code>-<MaHoSo>-01 (strict mode; lenient records a warning).' },
  DVCQG_PAY_PAYGOV_CHECKSUM: { http: 401, wire: 'INVALID_CHECKSUM', title: 'PayGov: checksum is not the SHA-256 of secretKey followed by the fields of the operation.' },
  DVCQG_PAY_PAYGOV_UNKNOWN_PARTNER: { http: 401, wire: 'INVALID_PARTNER', title: 'PayGov: partnerCode names no PayGov partner.' },
  DVCQG_PAY_PAYGOV_ACCESS_KEY: { http: 401, wire: 'INVALID_ACCESS_KEY', title: 'PayGov: accessKey is not the one issued to partnerCode.' },
  DVCQG_PAY_PAYGOV_DUPLICATE: { http: 409, wire: 'DUPLICATE_REQUEST', title: 'PayGov: requestCode was already used by this partner.' },
  DVCQG_PAY_PAYGOV_ALREADY_PAID: { http: 409, wire: 'ORDER_ALREADY_PAID', title: 'PayGov: orderId was already paid.' },
  DVCQG_PAY_PAYGOV_NOT_FOUND: { http: 404, wire: 'ORDER_NOT_FOUND', title: 'PayGov: no transaction of this partner for the docCode/orderId.' },
  DVCQG_PAY_PAYGOV_NOT_PAID: { http: 409, wire: 'ORDER_NOT_PAID', title: 'PayGov: a receipt was asked for a dossier whose payment is not completed.' },
  DVCQG_PAY_PAYGOV_INTERNAL: { http: 500, wire: 'FAILED', title: 'PayGov: unexpected failure inside the emulator; accepted data is kept.' },
  // Verdicts only (never an HTTP reply of ours)
  DVCQG_PAY_TOKEN_UNVERIFIED: { http: 200, title: 'Not an error: the LGSP tokens of a PayGov call were accepted unverified (no NDXP/LGSP token service yet).' },
  DVCQG_PAY_CALLBACK_ATTEMPT: { http: 200, title: 'Verdict on an outbound payment callback: which attempt of the retry schedule it is.' },
  DVCQG_PAY_CALLBACK_REJECTED: { http: 200, title: 'Verdict on a payment callback: the agency did not acknowledge it (no reply, non-2xx, not JSON, or MaLoi ≠ "00" / error_code ≠ SUCCESSFUL); it is retried.' },
  DVCQG_PAY_CALLBACK_NO_URL: { http: 200, title: 'Verdict: the partner has no callback URL, so the result of a payment could not be sent.' },
} as const satisfies Catalog;

export type PaymentErrorCode = keyof typeof PAYMENT_ERRORS;

export const paymentError = errorFactory(PAYMENT_ERRORS);
