import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// Everything `budget serve` decides before it starts.
public struct PortalConfiguration: Sendable {
    /// The round the portal serves.
    public var roundDirectory: String
    /// `BUDGET_NOW` or the system clock: receipts, deadlines and pages follow it.
    public var clock: ClockSetting
    /// With `--trust-proxy`: the proxies whose `X-Forwarded-For` and `X-Forwarded-Proto`
    /// are believed (loopback plus any listed). Nil: those headers are ignored.
    public var trustedProxies: Set<String>?
    /// The largest file accepted (64 MiB, the reader's limit); a request body may be 1 MiB more.
    public var maxFileBytes: Int
    /// Where the scratch folder for uploads is made (the system's temporary folder by
    /// default); never inside a round.
    public var scratchParent: String?
    /// Sign-in failures allowed per address per window, then a block of `signInBlock` seconds.
    public var signInLimit: Int
    public var signInWindow: Double
    public var signInBlock: Double
    /// Seconds on a monotonic scale, for sessions and the limiter (tests inject one).
    public var monotonicSeconds: @Sendable () -> Double
    /// One line per request (no code, no session id, no query string); nil: quiet.
    public var log: (@Sendable (String) -> Void)?

    /// The proxies `--trust-proxy` trusts without being told: the loopback addresses.
    public static let loopback: Set<String> = ["127.0.0.1", "::1"]

    public init(
        roundDirectory: String, clock: ClockSetting = .system, trustedProxies: Set<String>? = nil,
        maxFileBytes: Int = 64 << 20, scratchParent: String? = nil, signInLimit: Int = 10,
        signInWindow: Double = 60, signInBlock: Double = 60,
        monotonicSeconds: @escaping @Sendable () -> Double = Portal.systemSeconds,
        log: (@Sendable (String) -> Void)? = nil
    ) {
        self.roundDirectory = roundDirectory
        self.clock = clock
        self.trustedProxies = trustedProxies
        self.maxFileBytes = maxFileBytes
        self.scratchParent = scratchParent
        self.signInLimit = signInLimit
        self.signInWindow = signInWindow
        self.signInBlock = signInBlock
        self.monotonicSeconds = monotonicSeconds
        self.log = log
    }

    /// The HTTP server's settings for this portal: bodies up to the file limit plus 1 MiB
    /// of form (413 before reading when `Content-Length` says more); the server's own
    /// defaults for heads (64 KiB) and deadlines (30 s idle or incomplete).
    public var serverConfiguration: HTTPServerConfiguration {
        HTTPServerConfiguration(maxBodyBytes: Int64(maxFileBytes) + (1 << 20))
    }
}

/// The portal: one ``HTTPHandler`` serving agencies' and the officer's pages and the JSON
/// API over one round, through the engine's use cases only.
///
/// Every response passes through ``respond(to:body:connection:)``, which adds the security
/// headers, turns every failure into a page or a JSON error of the right status, and logs
/// one line. See the module's landing page for routes and decisions.
public final class Portal: HTTPHandler, Sendable {
    public let configuration: PortalConfiguration
    /// The round's plan, read once: a round's plan never changes (`meta` is a record).
    let plan: Plan
    let scratch: ScratchFolder
    let sessions: Sessions
    let limiter: SignInLimiter
    /// Keeps the round's log from being folded and deleted after every request.
    let keeper: RoundKeeper

    /// The session cookie's name.
    static let cookieName = "budget_session"
    /// The language cookie's name (`vi` or `en`).
    static let languageCookie = "budget_lang"

    /// The monotonic clock in seconds (`CLOCK_MONOTONIC`).
    public static let systemSeconds: @Sendable () -> Double = {
        Double(HTTPSystemTimeSource().now().nanoseconds) / 1e9
    }

    /// Opens the portal on a round: reads its plan, runs the round's full checks once (the
    /// uploads then skip the page check, whose cost grows with the round), removes the
    /// scratch folders of portals killed earlier and makes its own.
    public init(configuration: PortalConfiguration) throws(EngineError) {
        self.configuration = configuration
        let lookup = ReceiptLookup()
        plan = try lookup.plan(roundDirectory: configuration.roundDirectory)
        try lookup.verifyRound(roundDirectory: configuration.roundDirectory)
        keeper = try RoundKeeper(roundDirectory: configuration.roundDirectory)
        ScratchFolder.removeAbandoned(in: configuration.scratchParent)
        scratch = try ScratchFolder.create(parent: configuration.scratchParent)
        sessions = Sessions(now: configuration.monotonicSeconds)
        limiter = SignInLimiter(
            limit: configuration.signInLimit, window: configuration.signInWindow, block: configuration.signInBlock,
            now: configuration.monotonicSeconds)
    }

    /// Removes the scratch folder (when the server has stopped).
    public func close() { scratch.removeAll() }

    var round: String { configuration.roundDirectory }

    /// The round's clock now.
    var now: Date { configuration.clock.provider(zone: plan.timeZone).now() }
    var isSimulated: Bool { configuration.clock.simulated != nil }

    public func respond(
        to request: HTTPRequest, body: inout HTTPBodyReader, connection: HTTPConnectionInfo
    ) throws -> HTTPResponse {
        let started = configuration.monotonicSeconds()
        var exchange = Exchange(portal: self, request: request, connection: connection)
        var response: HTTPResponse
        do {
            response = try route(&exchange, body: &body)
        } catch let refusal as Refusal {
            response = render(refusal, exchange)
        } catch let error as EngineError {
            response = render(Refusal(error), exchange)
        } catch let error as HTTPBodyError {
            var refusal = Refusal(
                error.status,
                Localized(
                    vi: "tệp chưa được gửi hết (kết nối bị ngắt hoặc quá chậm); không ghi nhận gì",
                    en: "the upload did not arrive whole (connection closed or too slow); nothing recorded"))
            refusal.close = true
            response = render(refusal, exchange)
        } catch let error as MultipartError {
            var refusal = Refusal(
                error.status,
                Localized(
                    vi: "biểu mẫu gửi lên không đúng định dạng (multipart/form-data); không ghi nhận gì",
                    en: "the form sent is not valid multipart/form-data; nothing recorded"))
            refusal.close = true
            response = render(refusal, exchange)
        } catch {
            var refusal = Refusal(
                .internalServerError,
                Localized(vi: "lỗi không lường trước; không ghi nhận gì", en: "unexpected error; nothing recorded"))
            refusal.close = true
            response = render(refusal, exchange)
            configuration.log?("error: \(type(of: error))")
        }
        finish(&response, exchange)
        if let log = configuration.log {
            let milliseconds = Int(((configuration.monotonicSeconds() - started) * 1000).rounded())
            log(
                "\(exchange.client) \(exchange.actor) \(request.method.rawValue) \(request.path) "
                    + "\(response.status.code) \(milliseconds)ms")
        }
        return response
    }

    /// The headers every response carries, the cookies set during the exchange.
    func finish(_ response: inout HTTPResponse, _ exchange: Exchange) {
        var h = response.headers
        h.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        h.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        h.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        h.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        if !h.contains("Cache-Control") { h.add(name: "Cache-Control", value: "no-store") }
        for cookie in exchange.setCookies { h.add(name: "Set-Cookie", value: cookie.headerValue) }
        response.headers = h
    }

    /// No inline script or style, nothing from elsewhere, no framing, forms only to here.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
}

/// A failure answered to the client: a status, a message in both languages, and for HTML
/// pages perhaps a redirect instead.
struct Refusal: Error {
    var status: HTTPStatus
    var message: Localized
    var details: [Localized] = []
    /// Close the connection after answering (a body left unread or half read).
    var close = false
    /// Answer `303 See Other` to this path instead (HTML pages only).
    var location: String?
    /// Seconds for `Retry-After` (429).
    var retryAfter: Int?

    init(_ status: HTTPStatus, _ message: Localized, details: [Localized] = []) {
        self.status = status
        self.message = message
        self.details = details
    }

    /// An engine error: a usage error is the client's (400), anything else the store's (503).
    init(_ error: EngineError) {
        self.init(
            error.kind == .usage ? .badRequest : .serviceUnavailable, error.message, details: error.details)
    }

    static func redirect(_ path: String) -> Refusal {
        var refusal = Refusal(.seeOther, Localized(vi: "", en: ""))
        refusal.location = path
        return refusal
    }

    static let notFound = Refusal(
        .notFound, Localized(vi: "không có trang hoặc biên nhận này", en: "no such page or receipt"))
    static let forbidden = Refusal(
        .forbidden, Localized(vi: "mã truy cập này không được làm việc này", en: "this access code may not do this"))
}

/// One request as the portal sees it: who sent it (the client behind a trusted proxy),
/// over what, in which language, with which session; and the cookies to set.
struct Exchange {
    let request: HTTPRequest
    /// The client's address: the socket's peer, or behind a trusted proxy the address it
    /// forwarded. What the journal records and the limiter counts.
    let client: String
    /// Whether the browser reached us over TLS (through a trusted proxy saying
    /// `X-Forwarded-Proto: https`): the session cookie is then `Secure`.
    let secure: Bool
    var language: Language
    var session: Session?
    var setCookies: [HTTPSetCookie] = []
    let isAPI: Bool
    /// The grant the request was served under (for the log line).
    var served: AccessGrant?

    init(portal: Portal, request: HTTPRequest, connection: HTTPConnectionInfo) {
        self.request = request
        let peer = connection.peer.host
        if let trusted = portal.configuration.trustedProxies {
            client = HTTPForwardedFor.clientAddress(
                peer: peer, forwardedFor: request.headers.values(for: "X-Forwarded-For"), trustedProxies: trusted)
            let viaProxy = trusted.contains(peer) || (peer == "::ffff:127.0.0.1" && trusted.contains("127.0.0.1"))
            secure = viaProxy && request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
        } else {
            client = peer
            secure = false
        }
        isAPI = request.path.hasPrefix("/api/")
        let cookies = request.cookies
        if let choice = request.queryFields?["lang"].flatMap(Language.init(rawValue:)) {
            language = choice
        } else if let choice = cookies[Portal.languageCookie].flatMap(Language.init(rawValue:)) {
            language = choice
        } else if isAPI, let accept = request.headers["Accept-Language"], accept.lowercased().hasPrefix("en") {
            language = .en
        } else {
            language = .vi
        }
        session = portal.sessions.session(cookies[Portal.cookieName])
    }

    /// The text in the exchange's language.
    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
    func t(_ text: Localized) -> String { text.text(language) }

    /// Who is asking, for the log and the journal.
    var actor: String { served?.actor ?? session?.grant?.actor ?? "anonymous" }

    /// The requester the engine records with a change.
    func requester(_ grant: AccessGrant) -> Requester { Requester(name: grant.actor, address: client) }

    /// Sets the session cookie: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` under
    /// TLS, no `Max-Age` (the browser forgets it when closed; the server expires it anyway).
    mutating func setSessionCookie(_ id: String, delete: Bool = false) {
        if let cookie = HTTPSetCookie(
            name: Portal.cookieName, value: delete ? "" : id, path: "/", maxAge: delete ? 0 : nil, secure: secure,
            httpOnly: true, sameSite: .strict)
        {
            setCookies.append(cookie)
        }
    }
}
