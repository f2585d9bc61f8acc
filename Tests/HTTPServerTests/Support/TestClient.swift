import Foundation
import HTTPServer

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// `close` and `send` are shadowed inside ``TestClient`` by its own methods.
private func posixClose(_ fd: Int32) { close(fd) }
private func posixSend(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(fd, pointer, count, flags)
}

/// A response as the test client read it off the wire.
struct TestResponse {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header, any case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct TestClientError: Error, CustomStringConvertible {
    var description: String
}

/// A small blocking HTTP/1.1 client over raw POSIX sockets: exactly the bytes a test writes
/// go out, and responses are read with a timeout so that a broken server fails the test
/// instead of hanging it.
final class TestClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, host: String = "127.0.0.1", timeoutSeconds: Int = 5) throws {
        let v6 = host.contains(":")
        fd = socket(v6 ? AF_INET6 : AF_INET, TestClient.streamType, 0)
        guard fd >= 0 else { throw TestClientError(description: "socket: \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var result: Int32
        if v6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            let error = errno
            posixClose(fd)
            throw TestClientError(description: "connect: errno \(error)")
        }
    }

    deinit { posixClose(fd) }

    #if canImport(Darwin)
        static let streamType = SOCK_STREAM
        static let noSignal: Int32 = 0
    #else
        static let streamType = Int32(SOCK_STREAM.rawValue)
        static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes {
                posixSend(fd, $0.baseAddress, $0.count, TestClient.noSignal)
            }
            guard count > 0 else { throw TestClientError(description: "send: errno \(errno)") }
            offset += count
        }
    }

    /// Reads more bytes into the buffer; false on end of stream, error, or timeout.
    @discardableResult
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads one response (interim `100 Continue` ones included, as their own response).
    /// A body is read by `Content-Length`, or to the end of the stream without one
    /// (unless `headOnly`: the answer to a HEAD).
    func readResponse(headOnly: Bool = false) throws -> TestResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) {
                headEnd = range.upperBound
            } else if !fill() {
                throw TestClientError(description: "connection ended before a response head (\(buffer.count) bytes)")
            }
        }
        guard let headEnd else { throw TestClientError(description: "no head") }
        let lines = String(decoding: buffer[0..<(headEnd - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeSubrange(0..<headEnd)
        guard let statusLine = lines.first else { throw TestClientError(description: "empty head") }
        let parts = statusLine.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw TestClientError(description: "bad status line \(statusLine)")
        }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw TestClientError(description: "bad line \(line)") }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = TestResponse(status: status, reason: parts.count > 2 ? parts[2] : "", headers: headers, body: [])
        if status < 200 || status == 204 || status == 304 || headOnly { return response }
        if let lengthText = response.header("Content-Length") {
            guard let length = Int(lengthText) else { throw TestClientError(description: "bad length") }
            while buffer.count < length {
                guard fill() else { throw TestClientError(description: "body ended at \(buffer.count) of \(length)") }
            }
            response.body = Array(buffer[0..<length])
            buffer.removeSubrange(0..<length)
        } else {
            while fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    /// True if the server has closed the connection (end of stream or reset) with nothing
    /// more to read; false if bytes arrive or the read times out.
    func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        if count == 0 { return true }
        if count < 0 && (errno == ECONNRESET || errno == EPIPE) { return true }
        if count > 0 { buffer.append(byte) }
        return false
    }

    /// Everything until the server closes (or the read times out).
    func readToEnd() -> [UInt8] {
        while fill() {}
        defer { buffer = [] }
        return buffer
    }
}

/// A server running on its own thread, on 127.0.0.1 and an ephemeral port.
final class RunningServer: @unchecked Sendable {
    let server: HTTPServer
    let port: UInt16
    private let done = DispatchSemaphore(value: 0)

    init(
        configuration: HTTPServerConfiguration = HTTPServerConfiguration(), host: String = "127.0.0.1",
        handler: @escaping HTTPClosureHandler.Respond
    ) throws {
        server = HTTPServer(configuration: configuration, handler: handler)
        port = try server.bind(host: host, port: 0).port
        let server = self.server
        let done = self.done
        Thread.detachNewThread {
            try? server.run()
            done.signal()
        }
    }

    /// Stops the server and waits (at most `seconds`) for `run()` to return; true if it did.
    @discardableResult
    func stop(waitingUpTo seconds: Double = 10) -> Bool {
        server.stop()
        return done.wait(timeout: .now() + seconds) == .success
    }

    func client() throws -> TestClient { try TestClient(port: port) }

    deinit { server.stop() }
}

/// A GET request's text.
func get(_ path: String, headers: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: test\r\n\(headers)\r\n"
}

/// A handler that answers the path and the request's number on its connection.
let echoPath: HTTPClosureHandler.Respond = { request, _, connection in
    .text("\(request.path) #\(connection.requestNumber) from \(connection.peer.host)")
}
