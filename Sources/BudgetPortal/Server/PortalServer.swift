import BudgetCore
import BudgetEngine
import Dispatch
import Foundation
import HTTPServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `budget serve`: the portal on an HTTP server, stopped cleanly by SIGINT or SIGTERM.
///
/// The signals are taken over when the value is made, before the server says it listens: a
/// signal sent as soon as the start line appears is never lost.
public final class PortalServer: @unchecked Sendable {
    public let portal: Portal
    let server: HTTPServer
    private let signalSources: [any DispatchSourceSignal]

    public init(portal: Portal) {
        self.portal = portal
        let server = HTTPServer(configuration: portal.configuration.serverConfiguration, handler: portal)
        self.server = server
        let queue = DispatchQueue(label: "budget.portal.signals")
        // Sources first, then the default action off: a signal in between still ends the
        // process (its default), never goes unanswered.
        signalSources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { server.stop() }
            source.resume()
            return source
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
    }

    /// Binds `host:port` (0 for any free port) and returns the address bound.
    public func bind(host: String, port: UInt16) throws(EngineError) -> (host: String, port: UInt16) {
        do {
            let address = try server.bind(host: host, port: port)
            return (address.host, address.port)
        } catch {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "không mở được cổng \(host):\(port) (\(error)); cổng đã có chương trình khác dùng, hoặc địa chỉ không thuộc máy này",
                    en:
                        "cannot listen on \(host):\(port) (\(error)); another program may use the port, or the address is not this machine's"
                ))
        }
    }

    /// Serves until SIGINT or SIGTERM (or ``stop()``); requests under way finish first.
    public func run() throws(EngineError) {
        defer {
            for source in signalSources { source.cancel() }
            portal.close()
        }
        do {
            try server.run()
        } catch {
            throw EngineError(.environment, Localized(vi: "máy chủ dừng: \(error)", en: "the server stopped: \(error)"))
        }
    }

    /// Stops accepting; ``run()`` returns when requests under way are done.
    public func stop() { server.stop() }
}
