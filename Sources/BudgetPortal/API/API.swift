import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// The JSON API: `Authorization: Bearer CODE` on every request, the engine's JSON
/// (``ResultJSON``) in every answer.
///
/// No cookie is read here: a browser's session can never be used against the API, so the
/// API needs no CSRF token. The code is checked before any body is read (401 or 429 with
/// `Expect: 100-continue` means the file is never sent).
extension Portal {
    func api(_ ex: inout Exchange, _ parts: [String], body: inout HTTPBodyReader) throws -> HTTPResponse {
        let grant = try bearer(ex)
        ex.session = nil
        ex.served = grant
        let method = ex.request.method
        let read = method == .get || method == .head
        switch (parts.count, parts.first ?? "") {
        case (1, "check") where method == .post:
            let upload = try readUpload(ex, body: &body)
            defer { upload.file.remove() }
            let asked = Self.filled(upload.fields, "agency")
            if grant.role == .agency, let asked, plan.agency(matching: asked)?.code != grant.subject {
                throw Refusal.forbidden
            }
            let result = try check(upload, grant: grant, agency: asked)
            return json(ResultJSON.checkObject(result, ex.language))
        case (1, "submissions") where method == .post:
            let upload = try readUpload(ex, body: &body)
            defer { upload.file.remove() }
            let result = try record(upload, grant: grant, ex: ex)
            let status: HTTPStatus
            switch result.receipt.decision {
            case .accepted, .acceptedLate: status = .created
            case .returned: status = .unprocessableContent
            case .refusedLate: status = .conflict
            }
            var response = json(ResultJSON.submit([result], several: false, ex.language), status: status)
            response.headers.add(name: "Location", value: "/api/receipts/\(result.receipt.id)")
            return response
        case (1, "status") where read:
            let status = try Status().run(roundDirectory: round, clock: configuration.clock)
            if grant.role == .officer { return json(ResultJSON.status(status, ex.language)) }
            return json(ResultJSON.status(status, onlyAgency: grant.subject, ex.language))
        case (1, "receipts") where read:
            if grant.role == .agency {
                return json(ResultJSON.agency(try Status().agency(grant.subject, roundDirectory: round), ex.language))
            }
            if let code = ex.request.queryFields?["agency"] {
                guard plan.agency(matching: code) != nil else { throw Refusal.notFound }
                return json(ResultJSON.agency(try Status().agency(code, roundDirectory: round), ex.language))
            }
            return json(ResultJSON.agencies(try Status().agencies(roundDirectory: round), ex.language))
        case (2, "receipts") where read:
            guard let number = Int64(parts[1]), number > 0,
                let detail = try ReceiptLookup().receipt(number, roundDirectory: round)
            else { throw Refusal.notFound }
            if grant.role == .agency && detail.result.receipt.agency != grant.subject { throw Refusal.notFound }
            return json(ResultJSON.submit([detail.result], several: false, ex.language))
        case (3, "receipts") where parts[2] == "void" && method == .post:
            guard grant.role == .officer else { throw Refusal.forbidden }
            let reason = try reasonField(ex, body: &body)
            let result = try voidReceipt(parts[1], reason: reason, grant: grant, ex: ex)
            return json(ResultJSON.void(result))
        case (1, "package.zip") where method == .get:
            guard grant.role == .officer else { throw Refusal.forbidden }
            return try buildPackage(grant: grant, ex: ex, number: nil, signer: nil)
        default:
            throw Refusal.notFound
        }
    }

    /// The grant of the request's `Authorization: Bearer CODE`. A blocked address is
    /// answered 429 without looking at the code; a missing or bad code is a failure of the
    /// address (the limiter) and recorded in the journal; a code the round cannot check
    /// (the store fails) is a 503, never a 401.
    func bearer(_ ex: Exchange) throws -> AccessGrant {
        if let wait = limiter.blocked(ex.client) { throw tooMany(wait) }
        let header = ex.request.headers["Authorization"] ?? ""
        var code: String?
        if header.count > 7, header.prefix(7).lowercased() == "bearer " { code = String(header.dropFirst(7)) }
        let why: String
        if let code {
            switch try Authenticate().run(code: code, roundDirectory: round) {
            case .success(let grant): return grant
            case .failure(let refusal): why = refusal.rawValue
            }
        } else {
            why = "missing"
        }
        limiter.recordFailure(ex.client)
        try journal(EventRecord(actor: "anonymous", address: ex.client, action: "sign-in-failed", detail: "api:\(why)"))
        var refusal = Refusal(
            .unauthorized,
            Localized(
                vi: "cần mã truy cập hợp lệ: Authorization: Bearer MÃ",
                en: "a valid access code is needed: Authorization: Bearer CODE"))
        refusal.close = ex.request.contentLength > 0
        throw refusal
    }

    /// The void reason: a form field (`reason=…`) or a JSON member (`{"reason": "…"}`).
    func reasonField(_ ex: Exchange, body: inout HTTPBodyReader) throws -> String? {
        let type = ex.request.headers["Content-Type"]?.lowercased() ?? ""
        if type.hasPrefix("application/json") {
            let bytes = try body.readAll(limit: 64 * 1024)
            guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw Refusal(.badRequest, Localized(vi: "JSON không đọc được", en: "the JSON does not parse"))
            }
            return object["reason"] as? String
        }
        if ex.request.contentLength == 0 { return nil }
        return try formFields(ex, body: &body)["reason"]
    }
}
