#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// Why the connection stopped while writing a response.
enum HTTPConnectionError: Error {
    /// The client stopped reading for ``HTTPTimeouts/write``.
    case writeTimedOut
    /// The client is gone (EPIPE, ECONNRESET, …).
    case closed
}

/// One client connection, served on its own thread from accept to close: the I/O edge.
///
/// Every decision that is not a system call is made by a value: the head by
/// ``HTTPRequestHeadParser``, how long to wait by ``HTTPConnectionDeadline``, the response
/// bytes by ``HTTPResponseHead``. This class only moves bytes between them and the socket.
final class HTTPConnection: HTTPBodySource, HTTPByteSink {
    private let fd: Int32
    private let shared: HTTPServerShared
    private let configuration: HTTPServerConfiguration
    private let clock: any HTTPMonotonicTimeSource
    private let info: (peer: HTTPSocketAddress, local: HTTPSocketAddress, id: UInt64)
    private var deadline: HTTPConnectionDeadline
    /// Bytes received and not yet taken: the rest of a read that held more than the head
    /// (the body's start, or pipelined requests).
    private var input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0

    // The request under way.
    private var bodyRemaining: Int64 = 0
    private var bodyStarted = false
    private var bodyBroken = false
    private var expectsContinue = false
    private var continueSent = false

    static let inputCapacity = 16 * 1024

    init(fd: Int32, id: UInt64, shared: HTTPServerShared) {
        self.fd = fd
        self.shared = shared
        configuration = shared.configuration
        clock = configuration.timeSource
        let unknown = HTTPSocketAddress(host: "", port: 0)
        info = (Socket.peerAddress(fd) ?? unknown, Socket.localAddress(fd) ?? unknown, id)
        deadline = HTTPConnectionDeadline(timeouts: configuration.timeouts, acceptedAt: configuration.timeSource.now())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.inputCapacity, alignment: 16)
    }

    deinit { input.deallocate() }

    /// Serves requests until the connection ends; the caller closes the socket.
    func run() {
        var requestNumber = 0
        while let request = readHead() {
            requestNumber += 1
            guard serve(request, number: requestNumber) else { return }
            deadline.requestAwaited(at: clock.now())
        }
    }

    // MARK: Reading the head

    /// The next request's head, or nil when the connection is over (closed by the client,
    /// idle too long, stopping, or refused with an error response already sent).
    private func readHead() -> HTTPRequest? {
        var parser = HTTPRequestHeadParser(limits: configuration.headLimits)
        while true {
            if inputEnd > inputStart {
                let available = UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd])
                let progress = parser.parse(available)
                deadline.headBytesArrived(at: clock.now())
                switch progress {
                case .complete(let request, let consumed):
                    inputStart += consumed
                    return request
                case .failed(let error):
                    inputStart = inputEnd
                    sendErrorAndClose(error.status)
                    return nil
                case .needMoreData:
                    inputStart = 0
                    inputEnd = 0
                }
            }
            let idle = parser.bytesTaken == 0
            switch waitFor(Int16(POLLIN), wakeOnStop: idle) {
            case .expired:
                if !idle { sendErrorAndClose(.requestTimeout) }
                return nil
            case .stopping:
                return nil
            case .ready:
                let count = recv(fd, input.baseAddress, input.count, 0)
                if count > 0 {
                    inputStart = 0
                    inputEnd = count
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    return nil
                }
            }
        }
    }

    private enum WaitOutcome {
        case ready, expired, stopping
    }

    /// Waits until the socket is ready for `events`, the phase's deadline passes, or (if
    /// asked) the server stops; asks ``HTTPConnectionDeadline`` how long before every poll.
    private func waitFor(_ events: Int16, wakeOnStop: Bool) -> WaitOutcome {
        while true {
            switch deadline.decision(at: clock.now()) {
            case .expired:
                return .expired
            case .wait(let milliseconds):
                let (ready, woken) = Socket.wait(
                    fd, events: events, wake: wakeOnStop ? shared.wakeReadFD : nil, milliseconds: milliseconds)
                if woken { return .stopping }
                if ready { return .ready }
            }
        }
    }

    // MARK: Serving one request

    /// Runs the handler and sends its response; false when the connection must end.
    private func serve(_ request: HTTPRequest, number: Int) -> Bool {
        if request.contentLength > configuration.maxBodyBytes {
            sendErrorAndClose(.contentTooLarge)
            return false
        }
        bodyRemaining = request.contentLength
        bodyStarted = false
        bodyBroken = false
        expectsContinue = request.expectsContinue
        continueSent = false

        var body = HTTPBodyReader(source: self, contentLength: request.contentLength)
        let connection = HTTPConnectionInfo(
            peer: info.peer, local: info.local, connectionID: info.id, requestNumber: number)
        var response: HTTPResponse
        var mustClose = false
        do {
            response = try shared.handler.respond(to: request, body: &body, connection: connection)
        } catch let error as HTTPBodyError where error == .connectionClosed {
            return false
        } catch let error as any HTTPStatusError {
            response = Self.errorResponse(error.status)
            mustClose = true
        } catch {
            shared.log("handler error for \(request.method) \(request.target): \(error)")
            response = Self.errorResponse(.internalServerError)
            mustClose = true
        }
        if !HTTPResponseHead.isSafe(status: response.status, headers: response.headers) {
            shared.log("unsafe response status or header for \(request.method) \(request.target); sent 500")
            response = Self.errorResponse(.internalServerError)
            mustClose = true
        }

        let sendsBody = request.method != .head && !response.status.forbidsContent
        var keepAlive =
            request.keepAlive && !mustClose && !bodyBroken && !response.closeConnection
            && number < configuration.maxRequestsPerConnection && !shared.isStopping
            && (response.contentLength != nil || !sendsBody)
        var drain = false
        if bodyRemaining > 0 {
            if expectsContinue && !continueSent {
                keepAlive = false  // the client may never send the body it was not asked for
            } else if bodyRemaining > configuration.maxDrainBytes {
                keepAlive = false
            } else {
                drain = keepAlive
            }
        }

        guard write(response, for: request, keepAlive: keepAlive, sendsBody: sendsBody) else { return false }
        if !keepAlive {
            lingerAndClose()
            return false
        }
        if drain {
            var scratch = [UInt8](repeating: 0, count: 16 * 1024)
            let drained: Bool = scratch.withUnsafeMutableBytes { buffer in
                do {
                    while try readBody(into: buffer) > 0 {}
                    return true
                } catch {
                    return false
                }
            }
            if !drained { return false }
        }
        return true
    }

    /// Sends the response; false if the connection broke (it is then closed, no linger).
    private func write(_ response: HTTPResponse, for request: HTTPRequest, keepAlive: Bool, sendsBody: Bool) -> Bool {
        let persistence: HTTPResponseHead.Persistence =
            keepAlive ? (request.version == .http1_0 ? .keepAliveHTTP10 : .keepAlive) : .close
        let head = HTTPResponseHead.serialize(
            status: response.status, headers: response.headers, contentLength: response.contentLength,
            persistence: persistence, date: HTTPDate.format(secondsSince1970: Int64(time(nil))))
        deadline.writeProgressed(at: clock.now())
        do {
            switch response.body {
            case .bytes(let bytes):
                if !sendsBody || bytes.isEmpty {
                    try head.withUnsafeBytes { try send($0) }
                } else if bytes.count <= HTTPBodyWriter.blockSize {
                    try (head + bytes).withUnsafeBytes { try send($0) }  // one segment for small answers
                } else {
                    try head.withUnsafeBytes { try send($0) }  // no copy of a large body
                    try bytes.withUnsafeBytes { try send($0) }
                }
            case .stream(let length, let producer):
                guard sendsBody else {
                    try head.withUnsafeBytes { try send($0) }
                    return true
                }
                var writer = HTTPBodyWriter(sink: self, declaredLength: length, prefix: head)
                do {
                    try producer(&writer)
                    try writer.finish()
                } catch let error where !writer.hasSent {
                    // Nothing reached the client yet: it can still be told the truth.
                    shared.log("response producer failed before sending for \(request.target): \(error)")
                    sendErrorAndClose(.internalServerError)
                    return false
                }
            }
            return true
        } catch {
            if !(error is HTTPConnectionError) {
                shared.log("response to \(request.method) \(request.target) cut short: \(error)")
            }
            return false
        }
    }

    static func errorResponse(_ status: HTTPStatus) -> HTTPResponse {
        var response = HTTPResponse.text("\(status.code) \(status.reasonPhrase)\n", status: status)
        response.closeConnection = true
        return response
    }

    /// Sends a short error response with `Connection: close` and lingers.
    private func sendErrorAndClose(_ status: HTTPStatus) {
        let response = Self.errorResponse(status)
        guard case .bytes(let body) = response.body else { return }
        let head = HTTPResponseHead.serialize(
            status: status, headers: response.headers, contentLength: Int64(body.count), persistence: .close,
            date: HTTPDate.format(secondsSince1970: Int64(time(nil))))
        deadline.writeProgressed(at: clock.now())
        do {
            try (head + body).withUnsafeBytes { try send($0) }
        } catch {
            return
        }
        lingerAndClose()
    }

    /// Stops sending and reads what the client still sends until it closes or
    /// ``HTTPTimeouts/linger`` passes, so that the close does not reset the connection
    /// under a response the client has not read yet.
    private func lingerAndClose() {
        shutdown(fd, Int32(SHUT_WR))
        deadline.lingerStarted(at: clock.now())
        var scratch = [UInt8](repeating: 0, count: 4096)
        while waitFor(Int16(POLLIN), wakeOnStop: true) == .ready {
            let count = recv(fd, &scratch, scratch.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { return }
        }
    }

    // MARK: HTTPBodySource

    func readBody(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPBodyError) -> Int {
        guard bodyRemaining > 0, buffer.count > 0 else { return 0 }
        if bodyBroken { throw .connectionClosed }
        if !bodyStarted {
            bodyStarted = true
            if expectsContinue && !continueSent {
                continueSent = true
                deadline.writeProgressed(at: clock.now())
                do {
                    try Array("HTTP/1.1 100 Continue\r\n\r\n".utf8).withUnsafeBytes { try send($0) }
                } catch {
                    bodyBroken = true
                    throw .connectionClosed
                }
            }
            deadline.bodyStarted(at: clock.now(), length: bodyRemaining)
        }
        let wanted = Int(min(Int64(buffer.count), bodyRemaining))
        if inputEnd > inputStart {
            let count = min(wanted, inputEnd - inputStart)
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: input[inputStart..<(inputStart + count)]))
            inputStart += count
            bodyRemaining -= Int64(count)
            return count
        }
        while true {
            let count = recv(fd, buffer.baseAddress, wanted, 0)
            if count > 0 {
                bodyRemaining -= Int64(count)
                return count
            }
            if count == 0 {
                bodyBroken = true
                throw .connectionClosed
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                if waitFor(Int16(POLLIN), wakeOnStop: false) != .ready {
                    bodyBroken = true
                    throw .timedOut
                }
            default:
                bodyBroken = true
                throw .connectionClosed
            }
        }
    }

    // MARK: HTTPByteSink

    func send(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let count = Glibc_or_Darwin_send(fd, base + offset, bytes.count - offset, Socket.sendFlags)
            if count > 0 {
                offset += count
                deadline.writeProgressed(at: clock.now())
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                if waitFor(Int16(POLLOUT), wakeOnStop: false) != .ready { throw HTTPConnectionError.writeTimedOut }
            default:
                throw HTTPConnectionError.closed
            }
        }
    }
}

@inline(__always)
private func Glibc_or_Darwin_send(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, pointer, count, flags)
}
