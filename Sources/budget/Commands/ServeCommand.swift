import BudgetCommandLine
import BudgetCore
import BudgetEngine
import BudgetPortal
import Foundation

/// `budget serve --round DIR [--listen HOST:PORT] [--trust-proxy]`: the portal.
enum ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve",
        abstract: Localized(
            vi: "Chạy cổng tiếp nhận: đơn vị kiểm tra và gửi tệp qua trình duyệt, Sở theo dõi trên bảng.",
            en: "Run the portal: agencies check and send files in a browser, the officer works from a board."),
        discussion: Localized(
            vi:
                "Mặc định chỉ nghe trên 127.0.0.1:8080 (máy này); TLS do reverse proxy (nginx) đảm nhận. --trust-proxy: lấy địa chỉ người dùng từ X-Forwarded-For (và X-Forwarded-Proto) chỉ khi yêu cầu đến từ proxy trên loopback hoặc địa chỉ ghi ở --proxy. Dừng bằng Ctrl+C hoặc SIGTERM.",
            en:
                "By default listens on 127.0.0.1:8080 only (this machine); TLS comes from a reverse proxy (nginx). --trust-proxy: take the client's address from X-Forwarded-For (and X-Forwarded-Proto) only from a proxy on loopback or listed with --proxy. Stop with Ctrl+C or SIGTERM."
        ),
        options: [
            CommonOptions.round,
            OptionSpec(
                "listen", .value("HOST:PORT"),
                help: Localized(
                    vi: "Địa chỉ IP và cổng (mặc định 127.0.0.1:8080; cổng 0: cổng trống bất kỳ).",
                    en: "IP address and port (default 127.0.0.1:8080; port 0: any free port).")),
            OptionSpec(
                "trust-proxy", .flag,
                help: Localized(
                    vi: "Tin X-Forwarded-For/-Proto từ reverse proxy trên loopback (hoặc --proxy).",
                    en: "Believe X-Forwarded-For/-Proto from a reverse proxy on loopback (or --proxy).")),
            OptionSpec(
                "proxy", .repeated("ADDR"),
                help: Localized(
                    vi: "Địa chỉ IP khác của reverse proxy được tin (cùng --trust-proxy).",
                    en: "Another IP address of a trusted reverse proxy (with --trust-proxy).")),
            OptionSpec(
                "scratch", .value("DIR"),
                help: Localized(
                    vi:
                        "Thư mục cho tệp tải lên tạm thời (mặc định: thư mục tạm của hệ thống; không được nằm trong đợt).",
                    en: "Folder for uploads in progress (default: the system's temporary folder; never inside a round)."
                )),
            OptionSpec(
                "quiet", .flag,
                help: Localized(vi: "Không ghi nhật ký từng yêu cầu.", en: "Do not log each request.")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        let (host, port) = try listen(arguments.value("listen") ?? "127.0.0.1:8080")
        let proxies = arguments.all("proxy")
        if !proxies.isEmpty && !arguments.has("trust-proxy") {
            throw EngineError(
                .usage, Localized(vi: "--proxy chỉ dùng cùng --trust-proxy", en: "--proxy goes with --trust-proxy only")
            )
        }
        let directory = arguments.value("round") ?? "."
        let clock = try context.clock()
        let log: (@Sendable (String) -> Void)? = arguments.has("quiet") ? nil : RequestLog.write
        let configuration = PortalConfiguration(
            roundDirectory: directory, clock: clock,
            trustedProxies: arguments.has("trust-proxy") ? PortalConfiguration.loopback.union(proxies) : nil,
            scratchParent: arguments.value("scratch"), log: log)
        let server = PortalServer(portal: try Portal(configuration: configuration))
        let bound = try server.bind(host: host, port: port)
        let vi = context.language == .vi
        let shown = bound.host.contains(":") ? "[\(bound.host)]" : bound.host
        context.say(
            vi
                ? "Cổng tiếp nhận của đợt «\(directory)» đang nghe tại http://\(shown):\(bound.port)"
                : "The portal of the round \"\(directory)\" is listening on http://\(shown):\(bound.port)")
        if ["127.0.0.1", "::1"].contains(bound.host) || bound.host.hasPrefix("127.") {
            context.say(
                vi
                    ? "Chỉ nghe trên loopback (máy này). Cho người dùng truy cập qua reverse proxy có TLS (nginx), xem README."
                    : "Listening on loopback only (this machine). Serve users through a reverse proxy with TLS (nginx), see the README."
            )
        } else {
            context.say(
                vi
                    ? "Cảnh báo: nghe trên \(bound.host), không có TLS. Nên để cổng sau reverse proxy có TLS."
                    : "Warning: listening on \(bound.host) without TLS. Put the portal behind a reverse proxy with TLS."
            )
        }
        if arguments.has("trust-proxy") {
            let trusted = PortalConfiguration.loopback.union(proxies).sorted().joined(separator: ", ")
            context.say(
                vi
                    ? "Tin X-Forwarded-For/-Proto từ: \(trusted)."
                    : "Trusting X-Forwarded-For/-Proto from: \(trusted).")
        }
        if clock.simulated != nil {
            context.say(
                vi
                    ? "Đồng hồ mô phỏng (BUDGET_NOW): mọi trang đều ghi rõ."
                    : "Simulated clock (BUDGET_NOW): every page says so.")
        }
        context.terminal.flush()
        try server.run()
        context.say(vi ? "Cổng tiếp nhận đã dừng." : "The portal has stopped.")
        return .done
    }

    /// `HOST:PORT` or `[V6]:PORT`, with an IP literal (no name resolution).
    static func listen(_ text: String) throws(EngineError) -> (String, UInt16) {
        let bad = EngineError(
            .usage,
            Localized(
                vi: "--listen «\(text)» không hợp lệ: cần ĐỊA-CHỈ-IP:CỔNG, ví dụ 127.0.0.1:8080 hoặc [::1]:8080",
                en: "invalid --listen \"\(text)\": expected IP:PORT, for example 127.0.0.1:8080 or [::1]:8080"))
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw bad
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw bad }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = UInt16(portText) else { throw bad }
        return (String(host), port)
    }
}

/// One line per request on standard error, whole lines from any thread.
enum RequestLog {
    static let lock = NSLock()
    static let write: @Sendable (String) -> Void = { line in
        let stamp = ISO8601DateFormatter.string(
            from: Date(), timeZone: TimeZone(secondsFromGMT: 0) ?? .current, formatOptions: [.withInternetDateTime])
        let text = stamp + " " + line + "\n"
        lock.lock()
        FileHandle.standardError.write(Data(text.utf8))
        lock.unlock()
    }
}
