import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// The HTML side: which page answers which path, and who may see it.
extension Portal {
    func route(_ ex: inout Exchange, body: inout HTTPBodyReader) throws -> HTTPResponse {
        let method = ex.request.method
        let parts = ex.request.path.split(separator: "/").map(String.init)
        if ex.isAPI { return try api(&ex, Array(parts.dropFirst()), body: &body) }
        let read = method == .get || method == .head
        let post = method == .post
        switch parts.count {
        case 0:
            guard read else { throw Self.methodNotAllowed }
            return try home(&ex)
        case 1:
            switch (parts[0], read, post) {
            case ("sign-in", _, true): return try signIn(&ex, body: &body)
            case ("sign-out", _, true): return try signOut(&ex, body: &body)
            case ("agency", true, _): return try agencyHome(&ex)
            case ("officer", true, _): return try officerBoard(&ex)
            case ("favicon.ico", true, _): return Assets.favicon
            default: break
            }
        case 2:
            switch (parts[0], parts[1], read, post) {
            case ("assets", "portal.css", true, _): return Assets.css
            case ("assets", "portal.js", true, _): return Assets.script
            case ("lang", let to, true, _): return language(&ex, to)
            case ("agency", "template.csv", true, _): return try template(&ex, format: .csv)
            case ("agency", "template.xlsx", true, _): return try template(&ex, format: .xlsx)
            case ("agency", "check", _, true): return try agencyCheck(&ex, body: &body)
            case ("agency", "checked", true, _): return try agencyChecked(&ex)
            case ("agency", "submit", _, true): return try upload(&ex, body: &body, role: .agency)
            case ("receipts", let number, true, _): return try receiptPage(&ex, number)
            case ("officer", "submit", _, true): return try upload(&ex, body: &body, role: .officer)
            case ("officer", "journal", true, _): return try journalPage(&ex)
            case ("officer", "package.zip", _, true): return try packageDownload(&ex, body: &body)
            default: break
            }
        case 3:
            switch (parts[0], parts[1], parts[2], read, post) {
            case ("officer", "agencies", let code, true, _): return try officerAgency(&ex, code)
            case ("officer", "sheets", let name, true, _):
                guard method == .get else { throw Self.methodNotAllowed }
                return try sheet(&ex, name)
            case ("receipts", let number, "void", _, true): return try voidForm(&ex, number, body: &body)
            default: break
            }
        default: break
        }
        throw Refusal.notFound
    }

    static let methodNotAllowed = Refusal(
        .methodNotAllowed, Localized(vi: "phương thức không được hỗ trợ ở đây", en: "method not allowed here"))

    // MARK: Who may see a page

    /// The signed-in grant of the session, still current; otherwise a redirect to sign in.
    /// `role` restricts the page to the officer or to agencies.
    func grant(_ ex: inout Exchange, role: AccessRole? = nil) throws -> AccessGrant {
        guard let session = ex.session, let grant = session.grant else { throw Refusal.redirect("/") }
        // A code revoked (or replaced) since sign-in ends its sessions at their next request.
        guard try Authenticate().isCurrent(codeID: grant.codeID, roundDirectory: round) else {
            sessions.remove(session.id)
            ex.session = nil
            ex.setSessionCookie("", delete: true)
            throw Refusal.redirect("/")
        }
        ex.served = grant
        if let role, grant.role != role { throw Refusal.forbidden }
        return grant
    }

    /// Refuses a form POST whose `csrf` field is not the session's token.
    func checkToken(_ ex: Exchange, _ fields: HTTPFormFields) throws {
        guard let session = ex.session, let sent = fields["csrf"], Secrets.constantTimeEqual(sent, session.csrf)
        else {
            throw Refusal(
                .forbidden,
                Localized(
                    vi: "biểu mẫu đã hết hạn hoặc không đến từ cổng này; tải lại trang rồi làm lại",
                    en: "the form has expired or did not come from this portal; reload the page and try again"))
        }
    }

    /// A small url-encoded form body (sign-in, void, sign-out): at most 64 KiB.
    func formFields(_ ex: Exchange, body: inout HTTPBodyReader) throws -> HTTPFormFields {
        let type = ex.request.headers["Content-Type"]?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data") {
            let boundary = try MultipartParser.boundary(contentType: ex.request.headers["Content-Type"] ?? "")
            return try body.readMultipartForm(boundary: boundary) { _ in
                throw Refusal(.badRequest, Localized(vi: "biểu mẫu này không nhận tệp", en: "this form takes no file"))
            }
        }
        guard ex.request.contentLength <= 64 * 1024 else {
            var refusal = Refusal(.contentTooLarge, Localized(vi: "biểu mẫu quá lớn", en: "the form is too large"))
            refusal.close = true
            throw refusal
        }
        let bytes = try body.readAll(limit: 64 * 1024)
        guard let fields = HTTPFormFields(urlEncoded: bytes) else {
            throw Refusal(.badRequest, Localized(vi: "biểu mẫu không đọc được", en: "the form does not decode"))
        }
        return fields
    }

    // MARK: Sign-in

    func home(_ ex: inout Exchange) throws -> HTTPResponse {
        if let grant = ex.session?.grant {
            _ = try self.grant(&ex)
            return redirect(grant.role == .officer ? "/officer" : "/agency")
        }
        return signInPage(&ex, status: .ok, error: nil)
    }

    /// The sign-in page, with an anonymous session carrying the form's token.
    func signInPage(_ ex: inout Exchange, status: HTTPStatus, error: Localized?) -> HTTPResponse {
        if ex.session == nil {
            let session = sessions.create()
            ex.session = session
            ex.setSessionCookie(session.id)
        }
        return page(ex, status: status, title: ex.t("Đăng nhập", "Sign in"), body: signInBody(ex, error: error))
    }

    func signIn(_ ex: inout Exchange, body: inout HTTPBodyReader) throws -> HTTPResponse {
        if let wait = limiter.blocked(ex.client) { throw tooMany(wait) }
        let fields = try formFields(ex, body: &body)
        do {
            try checkToken(ex, fields)
        } catch {
            limiter.recordFailure(ex.client)
            try journal(EventRecord(actor: "anonymous", address: ex.client, action: "sign-in-failed", detail: "csrf"))
            throw error
        }
        let typed = fields["code"] ?? ""
        switch try Authenticate().run(code: typed, roundDirectory: round) {
        case .success(let grant):
            try journal(EventRecord(actor: grant.actor, address: ex.client, action: "sign-in", detail: "web"))
            let session = sessions.create(grant: grant, replacing: ex.session?.id)
            ex.session = session
            ex.setSessionCookie(session.id)
            return redirect(grant.role == .officer ? "/officer" : "/agency")
        case .failure(let why):
            limiter.recordFailure(ex.client)
            try journal(
                EventRecord(actor: "anonymous", address: ex.client, action: "sign-in-failed", detail: why.rawValue))
            let message =
                why == .revoked
                ? Localized(
                    vi: "mã truy cập này đã bị thu hồi hoặc thay bằng mã mới; liên hệ Sở để được cấp mã",
                    en: "this access code was revoked or replaced; ask the Department for a code")
                : Localized(
                    vi: "mã truy cập không đúng; kiểm tra lại mã in trên phiếu (28 ký tự, không phân biệt hoa thường)",
                    en: "wrong access code; check the code printed on the slip (28 characters, any case)")
            return signInPage(&ex, status: .unauthorized, error: message)
        }
    }

    func signOut(_ ex: inout Exchange, body: inout HTTPBodyReader) throws -> HTTPResponse {
        let fields = try formFields(ex, body: &body)
        try checkToken(ex, fields)
        if let session = ex.session {
            if let grant = session.grant {
                try journal(EventRecord(actor: grant.actor, address: ex.client, action: "sign-out"))
            }
            sessions.remove(session.id)
        }
        ex.session = nil
        ex.setSessionCookie("", delete: true)
        return redirect("/")
    }

    func tooMany(_ wait: Double) -> Refusal {
        var refusal = Refusal(
            .tooManyRequests,
            Localized(
                vi: "nhập sai mã quá nhiều lần từ địa chỉ này; thử lại sau \(Int(wait.rounded(.up))) giây",
                en: "too many wrong codes from this address; try again in \(Int(wait.rounded(.up))) seconds"))
        refusal.retryAfter = Int(wait.rounded(.up))
        refusal.close = true
        return refusal
    }

    /// Records an action in the round's journal; a failure to record is a store failure (503).
    func journal(_ event: EventRecord) throws {
        try RecordEvent().run(event, roundDirectory: round, clock: configuration.clock)
    }

    /// `/lang/en?next=/agency`: remembers the language in a cookie and goes back. `next`
    /// must be a path of this site (no `//host`, no scheme): no open redirect.
    func language(_ ex: inout Exchange, _ to: String) -> HTTPResponse {
        let choice = Language(rawValue: to) ?? .vi
        if let cookie = HTTPSetCookie(
            name: Portal.languageCookie, value: choice.rawValue, path: "/", maxAge: 365 * 86_400, secure: ex.secure,
            httpOnly: true, sameSite: .strict)
        {
            ex.setCookies.append(cookie)
        }
        var next = ex.request.queryFields?["next"] ?? "/"
        if !next.hasPrefix("/") || next.hasPrefix("//") || next.contains("\\") || next.contains(":") { next = "/" }
        return redirect(next)
    }

    func redirect(_ path: String) -> HTTPResponse {
        HTTPResponse(status: .seeOther, headers: ["Location": path, "Content-Type": "text/plain; charset=utf-8"])
    }

    /// A failure as a page (or a JSON error for the API).
    func render(_ refusal: Refusal, _ ex: Exchange) -> HTTPResponse {
        var response: HTTPResponse
        if let location = refusal.location {
            response = redirect(location)
        } else if ex.isAPI {
            response = json(
                ResultJSON.error(ex.t(refusal.message), details: refusal.details.map { ex.t($0) }),
                status: refusal.status)
            if refusal.status == .unauthorized {
                response.headers.add(name: "WWW-Authenticate", value: "Bearer realm=\"budget\"")
            }
        } else {
            response = page(
                ex, status: refusal.status, title: ex.t("Không thực hiện được", "Not done"),
                body: errorBody(ex, refusal))
        }
        if let seconds = refusal.retryAfter { response.headers.add(name: "Retry-After", value: String(seconds)) }
        response.closeConnection = refusal.close
        return response
    }

    func json(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"],
            body: Array((text + "\n").utf8))
    }
}
