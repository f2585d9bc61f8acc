import Foundation

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// A small, strict HTTP/1.1 server: a listening socket, an accept loop, and one thread per
/// connection that parses requests and calls the handler.
///
/// ```swift
/// let server = HTTPServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20), handler: portal)
/// let address = try server.bind(host: "127.0.0.1", port: 8080)
/// try server.run()          // blocks until stop()
/// ```
///
/// A class because it has identity (a socket, threads); everything it decides is made by
/// the value types it drives. See the module's landing page for limits and decisions.
public final class HTTPServer: Sendable {
    /// The configuration it was made with (fixed for its life: threads read it unlocked).
    public let configuration: HTTPServerConfiguration
    private let shared: HTTPServerShared

    /// A server that will answer every request with `handler` (nothing is opened yet).
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), handler: any HTTPHandler) {
        self.configuration = configuration
        shared = HTTPServerShared(configuration: configuration, handler: handler)
    }

    /// A server whose handler is a closure.
    public convenience init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
        handler: @escaping HTTPClosureHandler.Respond
    ) {
        self.init(configuration: configuration, handler: HTTPClosureHandler(handler))
    }

    /// Opens the listening socket (`SO_REUSEADDR`), so that connections queue before
    /// ``run()`` and a port of 0 can be read back.
    /// - Parameters:
    ///   - host: an IPv4 or IPv6 literal; `127.0.0.1` by default (the portal sits behind a
    ///     proxy or is reached on the machine), `0.0.0.0` or `::` for every interface.
    ///   - port: 0 for any free port (tests).
    /// - Returns: the address bound, with the actual port.
    @discardableResult
    public func bind(host: String = "127.0.0.1", port: UInt16) throws -> HTTPSocketAddress {
        try shared.bind(host: host, port: port)
    }

    /// The address bound by ``bind(host:port:)``, or nil before.
    public var localAddress: HTTPSocketAddress? { shared.localAddress }

    /// Accepts and serves connections until ``stop()``; then lets requests under way finish
    /// (up to ``HTTPTimeouts/shutdownGrace``, after which their sockets are shut) and returns.
    /// - Throws: ``HTTPServerError/notBound`` before `bind`, ``HTTPServerError/alreadyRan``
    ///   the second time.
    public func run() throws {
        try shared.run()
    }

    /// Stops accepting and asks idle connections to close; requests under way finish with
    /// `Connection: close`. Returns once the listener is closed (new connections are then
    /// refused by the system), without waiting for the connections: ``run()`` returns when
    /// they are done. Safe from any thread (a handler's too), before or during `run()`, more
    /// than once; before `run()`, `run()` then returns at once.
    public func stop() {
        shared.stop()
    }

    /// Connections open now (for tests and monitoring).
    public var activeConnectionCount: Int { shared.activeConnectionCount }
}

/// The server's state shared by the accept loop and the connection threads, behind one lock.
final class HTTPServerShared: @unchecked Sendable {
    let configuration: HTTPServerConfiguration
    let handler: any HTTPHandler
    /// Readable once ``stop()`` was called (never drained: every poller sees it).
    let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var listener: Int32 = -1
    private var address: HTTPSocketAddress?
    private var ran = false
    private var acceptLoopRunning = false
    private var stopping = false
    private var connections: Set<Int32> = []
    private var nextConnectionID: UInt64 = 0

    init(configuration: HTTPServerConfiguration, handler: any HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            Socket.setCloseOnExec(fds[0])
            Socket.setCloseOnExec(fds[1])
            try? Socket.setNonBlocking(fds[1])
        }
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
    }

    deinit {
        if listener >= 0 { close(listener) }
        if wakeReadFD >= 0 { close(wakeReadFD) }
        if wakeWriteFD >= 0 { close(wakeWriteFD) }
    }

    func log(_ message: @autoclosure () -> String) {
        configuration.log?(message())
    }

    var localAddress: HTTPSocketAddress? { locked { address } }
    var isStopping: Bool { locked { stopping } }
    var activeConnectionCount: Int { locked { connections.count } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    func bind(host: String, port: UInt16) throws -> HTTPSocketAddress {
        try locked {
            guard listener < 0, !ran else { throw HTTPServerError.alreadyBound }
            let fd = try Socket.listen(host: host, port: port, backlog: configuration.listenBacklog)
            listener = fd
            let bound = Socket.localAddress(fd) ?? HTTPSocketAddress(host: host, port: port)
            address = bound
            return bound
        }
    }

    /// Marks the server stopping, wakes every poller, and returns once the listener is
    /// closed (by the accept loop, or here if it is not running), so that no connection is
    /// accepted after it returns.
    func stop() {
        locked {
            stopping = true
            if !acceptLoopRunning && listener >= 0 {
                close(listener)
                listener = -1
            }
        }
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
        condition.lock()
        defer { condition.unlock() }
        let limit = Date(timeIntervalSinceNow: 2)
        while listener >= 0 && condition.wait(until: limit) {}
    }

    func run() throws {
        let fd: Int32? = try locked {
            guard !ran else { throw HTTPServerError.alreadyRan }
            ran = true
            if stopping { return nil }
            guard listener >= 0 else { throw HTTPServerError.notBound }
            acceptLoopRunning = true
            return listener
        }
        guard let fd else { return }
        Socket.ignoreSIGPIPE()
        acceptLoop(fd)
        locked {
            close(listener)
            listener = -1
            acceptLoopRunning = false
            condition.broadcast()
        }
        drainConnections()
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let (ready, woken) = Socket.wait(listener, events: Int16(POLLIN), wake: wakeReadFD, milliseconds: -1)
            if woken || isStopping { return }
            guard ready else { continue }
            // Take what is pending, a bounded batch per wake-up.
            for _ in 0..<64 {
                do {
                    guard let connection = try Socket.accept(listener) else { break }
                    admit(connection)
                } catch {
                    // EMFILE, ENFILE, ENOBUFS…: back off briefly rather than spin.
                    log("accept failed: \(error)")
                    _ = Socket.wait(wakeReadFD, events: Int16(POLLIN), wake: nil, milliseconds: 50)
                    break
                }
            }
        }
    }

    /// Starts a thread for a new connection, or refuses it with 503 when at the limit.
    private func admit(_ fd: Int32) {
        let id: UInt64? = locked {
            guard !stopping, connections.count < configuration.maxConnections else { return nil }
            connections.insert(fd)
            nextConnectionID += 1
            return nextConnectionID
        }
        guard let id else {
            Self.refuse(fd)
            return
        }
        let started = Self.startThread(stackSize: configuration.threadStackSize) { [self] in
            HTTPConnection(fd: fd, id: id, shared: self).run()
            finished(fd)
        }
        if !started {
            log("could not start a connection thread; refused with 503")
            let removed = locked { connections.remove(fd) != nil }
            if removed { Self.refuse(fd) }
        }
    }

    /// A connection's thread is done with its socket: closed under the lock, so that the
    /// forced shutdown at the end of ``run()`` never touches a reused descriptor.
    private func finished(_ fd: Int32) {
        locked {
            connections.remove(fd)
            close(fd)
            condition.broadcast()
        }
    }

    /// Answers 503 without blocking and closes: the accept loop never waits on a client.
    static func refuse(_ fd: Int32) {
        let body = "503 Service Unavailable\n"
        let response = Array(
            ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body).utf8)
        _ = response.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Socket.sendFlags) }
        shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 1024)
        _ = recv(fd, &scratch, scratch.count, 0)  // what already arrived, so close does not reset
        close(fd)
    }

    /// After the listener is closed: waits for connections to finish within the grace
    /// period, then shuts the sockets of those left (their threads then fail fast and exit).
    private func drainConnections() {
        let grace = Double(configuration.timeouts.shutdownGrace.clampedNanoseconds) / 1e9
        condition.lock()
        defer { condition.unlock() }
        var limit = Date(timeIntervalSinceNow: grace)
        while !connections.isEmpty && condition.wait(until: limit) {}
        guard !connections.isEmpty else { return }
        log("\(connections.count) connection(s) still busy after the grace period; shutting them")
        for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
        limit = Date(timeIntervalSinceNow: 2)
        while !connections.isEmpty && condition.wait(until: limit) {}
    }

    /// A detached thread with its own stack size (Foundation's `Thread` cannot report a
    /// failure to start; this returns false instead).
    static func startThread(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, max(stackSize, 64 * 1024))
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        #if canImport(Darwin)
            var thread: pthread_t?
            let result = pthread_create(
                &thread, &attributes,
                { raw in
                    Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
                    return nil
                }, box)
        #else
            var thread = pthread_t()
            let result = pthread_create(
                &thread, &attributes,
                { raw in
                    guard let raw else { return nil }
                    Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
                    return nil
                }, box)
        #endif
        if result != 0 {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            return false
        }
        return true
    }
}

private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
