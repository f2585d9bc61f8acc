import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

@testable import BudgetPortal

/// Paths into the repository.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let konTumPlan = path("Templates/plans/kon-tum-2020.json")
    static func example(_ name: String) -> [UInt8] {
        Array((try? Data(contentsOf: URL(fileURLWithPath: path("Examples/submissions/" + name)))) ?? Data())
    }
}

/// A monotonic clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double = 1000
    var seconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func advance(_ by: Double) {
        lock.lock()
        value += by
        lock.unlock()
    }
}

/// A Kon Tum round with codes for every agency and an officer, and a portal on it.
final class Fixture: @unchecked Sendable {
    let directory: String
    let round: String
    let portal: Portal
    let clock = ManualClock()
    var codes: [String: String] = [:]
    var officer = ""
    let log = LogLines()

    /// `now` is `BUDGET_NOW` for the portal (a morning before the deadline by default).
    init(
        now: String = "2020-03-09T10:00:00+07:00", trustedProxies: Set<String>? = nil, round existing: String? = nil
    )
        throws
    {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("budget-portal-tests-\(UUID())")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let existing {
            round = existing
        } else {
            round = directory + "/round"
            _ = try InitRound().run(
                directory: round, planPath: Repo.konTumPlan, clock: ClockSetting(simulated: ISOTime.parse("2020-03-01"))
            )
            let all = try IssueAccess().run(
                .allAgencies, roundDirectory: round, clock: ClockSetting(simulated: ISOTime.parse("2020-03-01")))
            for issued in all.issued { codes[issued.subject] = issued.code }
            officer = try IssueAccess().run(
                .officer("Cán bộ A"), roundDirectory: round, clock: ClockSetting(simulated: ISOTime.parse("2020-03-01"))
            ).issued[0].code
        }
        let clock = self.clock
        let log = self.log
        portal = try Portal(
            configuration: PortalConfiguration(
                roundDirectory: round, clock: ClockSetting(simulated: ISOTime.parse(now)),
                trustedProxies: trustedProxies, scratchParent: directory, monotonicSeconds: { clock.seconds },
                log: { log.append($0) }))
    }

    deinit {
        portal.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func browser(from address: String = "198.51.100.7") -> Browser { Browser(portal: portal, peer: address) }

    /// A file of the examples written into the fixture's folder (for curl).
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Log lines the portal wrote.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ line: String) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// A response as the handler gave it, body collected.
struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var close: Bool
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name] }
    var setCookies: [String] { headers.values(for: "Set-Cookie") }
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }
}

/// A browser without script, calling the handler directly (no socket): keeps cookies and
/// reads the form token off the last page.
final class Browser {
    let portal: Portal
    var peer: String
    var cookies: [String: String] = [:]
    var csrf: String?
    var headers: [(String, String)] = []

    init(portal: Portal, peer: String) {
        self.portal = portal
        self.peer = peer
    }

    static let boundary = "----BudgetPortalTestBoundary7MA4YWxk"

    @discardableResult
    func request(
        _ method: HTTPMethod, _ target: String, headers extra: [(String, String)] = [], body: [UInt8] = []
    ) throws -> Reply {
        let question = target.firstIndex(of: "?")
        let path = String(target[..<(question ?? target.endIndex)])
        let query = question.map { String(target[target.index(after: $0)...]) }
        var fields: [(String, String)] = [("Host", "portal.test")] + headers + extra
        if !cookies.isEmpty {
            fields.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")))
        }
        if method == .post || !body.isEmpty { fields.append(("Content-Length", String(body.count))) }
        let request = HTTPRequest(
            method: method, target: target, path: path, query: query, version: .http1_1, headers: HTTPHeaders(fields),
            contentLength: Int64(body.count))
        var reader = HTTPBodyReader(bytes: body)
        let response = try portal.respond(
            to: request, body: &reader,
            connection: HTTPConnectionInfo(
                peer: HTTPSocketAddress(host: peer, port: 40000),
                local: HTTPSocketAddress(host: "127.0.0.1", port: 8080),
                connectionID: 1, requestNumber: 1))
        let reply = Reply(
            status: response.status.code, headers: response.headers, body: try response.collectBody(),
            close: response.closeConnection)
        for cookie in reply.setCookies {
            let pair = cookie.split(separator: ";")[0]
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if cookie.contains("Max-Age=0") {
                cookies[String(parts[0])] = nil
            } else {
                cookies[String(parts[0])] = String(parts[1])
            }
        }
        if let token = Self.token(in: reply.text) { csrf = token }
        return reply
    }

    /// Follows a 303 once (GET).
    func follow(_ reply: Reply) throws -> Reply {
        guard reply.status == 303, let location = reply.header("Location") else { return reply }
        return try request(.get, location)
    }

    static func token(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    func form(_ path: String, _ fields: [(String, String)], token: Bool = true) throws -> Reply {
        var all = fields
        if token, let csrf { all.insert(("csrf", csrf), at: 0) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try request(
            .post, path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A multipart form with text fields and one file (the token first, as the pages put it).
    func upload(
        _ path: String, file: [UInt8], name: String = "du-toan.csv", fields: [(String, String)] = [],
        token: Bool = true, headers extra: [(String, String)] = []
    ) throws -> Reply {
        var all = fields
        if token, let csrf { all.insert(("csrf", csrf), at: 0) }
        return try request(
            .post, path,
            headers: [("Content-Type", "multipart/form-data; boundary=\(Self.boundary)")] + extra,
            body: Self.multipart(all, file: file, name: name))
    }

    static func multipart(_ fields: [(String, String)], file: [UInt8]?, name: String) -> [UInt8] {
        var body: [UInt8] = []
        for (key, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8)
            body += file
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return body
    }

    /// Signs in through the form; returns the reply to the POST.
    @discardableResult
    func signIn(_ code: String) throws -> Reply {
        try request(.get, "/")
        let reply = try form("/sign-in", [("code", code)])
        if reply.status == 303 { _ = try follow(reply) }
        return reply
    }

    /// An API call with a bearer code (no cookie).
    func api(
        _ method: HTTPMethod, _ path: String, code: String?, file: [UInt8]? = nil, fields: [(String, String)] = [],
        name: String = "du-toan.csv"
    ) throws -> Reply {
        let saved = cookies
        cookies = [:]
        defer { cookies = saved }
        var headers: [(String, String)] = []
        if let code { headers.append(("Authorization", "Bearer \(code)")) }
        if let file {
            headers.append(("Content-Type", "multipart/form-data; boundary=\(Self.boundary)"))
            return try request(method, path, headers: headers, body: Self.multipart(fields, file: file, name: name))
        }
        if !fields.isEmpty {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
            return try request(method, path, headers: headers, body: Array(body.utf8))
        }
        return try request(method, path, headers: headers)
    }
}

/// The portal on a real socket, on 127.0.0.1 and a free port.
final class LiveServer: @unchecked Sendable {
    let server: HTTPServer
    let port: UInt16
    private let done = DispatchSemaphore(value: 0)

    init(_ portal: Portal) throws {
        server = HTTPServer(configuration: portal.configuration.serverConfiguration, handler: portal)
        port = try server.bind(host: "127.0.0.1", port: 0).port
        let server = self.server
        let done = self.done
        Thread.detachNewThread {
            try? server.run()
            done.signal()
        }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    func stop() {
        server.stop()
        _ = done.wait(timeout: .now() + 10)
    }
}

/// curl, as a user would run it: status code, headers and body.
enum Curl {
    static let path = ["/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    struct Result {
        var status: Int
        var headers: String
        var body: String
        var exit: Int32
    }

    static func run(_ arguments: [String], directory: String) throws -> Result {
        guard let path else { throw CurlMissing() }
        let headerFile = directory + "/curl-headers-\(UUID())"
        let bodyFile = directory + "/curl-body-\(UUID())"
        defer {
            try? FileManager.default.removeItem(atPath: headerFile)
            try? FileManager.default.removeItem(atPath: bodyFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments =
            ["-s", "-S", "--max-time", "30", "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: Int(String(decoding: data, as: UTF8.self)) ?? 0,
            headers: (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? "",
            body: (try? String(contentsOfFile: bodyFile, encoding: .utf8)) ?? "", exit: process.terminationStatus)
    }

    struct CurlMissing: Error {}
}
