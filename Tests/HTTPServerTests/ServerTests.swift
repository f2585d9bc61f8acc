import Foundation
import HTTPServer
import Testing

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// Short timeouts for the tests that wait for one to pass (each well under a second).
func quickTimeouts(
    idle: Duration = .seconds(5), head: Duration = .seconds(5), body: Duration = .seconds(5)
) -> HTTPTimeouts {
    HTTPTimeouts(idle: idle, head: head, bodyBase: body, linger: .milliseconds(500), shutdownGrace: .seconds(3))
}

@Suite("Server over loopback sockets", .serialized)
struct ServerTests {
    @Test("two GETs on one kept-alive connection are both answered; the handler sees the peer address")
    func keepAlive() throws {
        let server = try RunningServer(handler: echoPath)
        let client = try server.client()
        try client.send(get("/a"))
        let first = try client.readResponse()
        #expect(first.status == 200)
        #expect(first.text == "/a #1 from 127.0.0.1")
        #expect(first.header("Connection") == nil)
        #expect(first.header("Date")?.hasSuffix(" GMT") == true)
        try client.send(get("/b"))
        #expect(try client.readResponse().text == "/b #2 from 127.0.0.1")
    }

    @Test("pipelined requests sent in one write are answered in order, never mixed")
    func pipelined() throws {
        let server = try RunningServer(handler: echoPath)
        let client = try server.client()
        try client.send(get("/1") + "POST /2 HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nbody" + get("/3"))
        #expect(try client.readResponse().text.hasPrefix("/1 #1"))
        #expect(try client.readResponse().text.hasPrefix("/2 #2"))
        #expect(try client.readResponse().text.hasPrefix("/3 #3"))
    }

    @Test("HEAD gets the GET's Content-Length and no body")
    func head() throws {
        let server = try RunningServer { _, _, _ in .text("twelve bytes") }
        let client = try server.client()
        try client.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse(headOnly: true)
        #expect(response.header("Content-Length") == "12")
        try client.send(get("/"))
        #expect(try client.readResponse().text == "twelve bytes")
    }

    @Test("an in-memory body larger than one send block arrives whole, and the connection stays usable")
    func largeBytesBody() throws {
        let page = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let server = try RunningServer { _, _, _ in HTTPResponse(body: page) }
        let client = try server.client()
        try client.send(get("/big"))
        #expect(try client.readResponse().body == page)
        try client.send(get("/again"))
        #expect(try client.readResponse().body.count == page.count)
    }

    @Test("a POST body is streamed to the handler in reads bounded by Content-Length")
    func postBody() throws {
        let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 4 << 20)) { _, body, _ in
            var total = 0
            var sum = 0
            var reads = 0
            var buffer = [UInt8](repeating: 0, count: 10_000)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try body.read(into: $0) }
                if count == 0 { break }
                reads += 1
                total += count
                sum = buffer[0..<count].reduce(sum) { ($0 + Int($1)) % 65_521 }
            }
            return .text("\(total) \(sum) \(reads > 1)")
        }
        let payload = (0..<3_000_000).map { UInt8($0 % 251) }
        let expectedSum = payload.reduce(0) { ($0 + Int($1)) % 65_521 }
        let client = try server.client()
        try client.send(Array("PUT /f HTTP/1.1\r\nHost: t\r\nContent-Length: \(payload.count)\r\n\r\n".utf8) + payload)
        #expect(try client.readResponse().text == "3000000 \(expectedSum) true")
        try client.send(get("/after"))
        #expect(try client.readResponse().status == 200)
    }

    @Test("a body over the limit is answered 413 before a byte of it is read, and the connection closed")
    func tooLarge() throws {
        let called = Counter()
        let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 1000)) { _, _, _ in
            called.increment()
            return .text("read")
        }
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
        #expect(called.value == 0)
    }

    @Test("Expect: 100-continue gets 100 Continue when the handler reads, then the final answer")
    func expectContinueRead() throws {
        let server = try RunningServer { _, body, _ in
            .text(String(decoding: try body.readAll(limit: 100), as: UTF8.self))
        }
        let client = try server.client()
        try client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readResponse().status == 100)
        try client.send("hello")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "hello")
        try client.send(get("/next"))
        #expect(try client.readResponse().status == 200)
    }

    @Test("Expect: 100-continue refused early gets the final status without 100, and the connection closes")
    func expectContinueRejected() throws {
        let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20)) {
            request, _, _ in
            request.headers["Authorization"] == nil ? HTTPResponse.text("login", status: .unauthorized) : .text("ok")
        }
        let client = try server.client()
        try client.send("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 50000000\r\nExpect: 100-continue\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 401)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("an unread small body is drained, never parsed as the next request")
    func drainSmallBody() throws {
        let server = try RunningServer(handler: echoPath)
        let client = try server.client()
        let smuggled = get("/smuggled")
        try client.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n\(smuggled)")
        let first = try client.readResponse()
        #expect(first.text.hasPrefix("/a #1"))
        #expect(first.header("Connection") == nil)
        try client.send(get("/b"))
        #expect(try client.readResponse().text.hasPrefix("/b #2"))
    }

    @Test("an unread body larger than the drain limit closes the connection after the response")
    func unreadLargeBody() throws {
        let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 1 << 20), handler: echoPath)
        let client = try server.client()
        try client.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n")
        try client.send([UInt8](repeating: 0x61, count: 100_000))
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
    }

    @Test(
        "a refused head gets its status and Connection: close, then the connection closes",
        arguments: [
            ("GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
            ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: t\r\n\r\n", 411),
            ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", 400),
            ("GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", 400),
            ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: t\r\n\r\n", 414),
        ])
    func refusedHead(_ text: String, _ status: Int) throws {
        let server = try RunningServer(handler: echoPath)
        let client = try server.client()
        try client.send(text + get("/next"))
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("the last request allowed on a connection is answered with Connection: close")
    func requestCap() throws {
        let server = try RunningServer(
            configuration: HTTPServerConfiguration(maxRequestsPerConnection: 3), handler: echoPath)
        let client = try server.client()
        for number in 1...3 {
            try client.send(get("/\(number)"))
            let response = try client.readResponse()
            #expect(response.text.hasPrefix("/\(number) #\(number)"))
            #expect(response.header("Connection") == (number == 3 ? "close" : nil))
        }
        #expect(client.isClosedByServer())
    }

    @Test("Connection: close from the client is honoured")
    func clientClose() throws {
        let server = try RunningServer(handler: echoPath)
        let client = try server.client()
        try client.send(get("/", headers: "Connection: close\r\n"))
        #expect(try client.readResponse().header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("HTTP/1.0 closes by default and stays open with Connection: keep-alive")
    func http10() throws {
        let server = try RunningServer(handler: echoPath)
        let plain = try server.client()
        try plain.send("GET /old HTTP/1.0\r\n\r\n")
        #expect(try plain.readResponse().header("Connection") == "close")
        #expect(plain.isClosedByServer())
        let kept = try server.client()
        try kept.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "keep-alive")
        try kept.send("GET /b HTTP/1.0\r\n\r\n")
        #expect(try kept.readResponse().text.hasPrefix("/b #2"))
    }

    @Test("a streamed response with a length keeps the connection; one without is framed by closing it")
    func streamedResponses() throws {
        let server = try RunningServer { request, _, _ in
            let known = request.path == "/known"
            return HTTPResponse(headers: ["Content-Type": "application/zip"], length: known ? 1_000_000 : nil) {
                writer in
                for _ in 0..<100 { try writer.write([UInt8](repeating: 0x7A, count: 10_000)) }
            }
        }
        let client = try server.client()
        try client.send(get("/known"))
        let known = try client.readResponse()
        #expect(known.body.count == 1_000_000)
        #expect(known.header("Content-Length") == "1000000")
        try client.send(get("/unknown"))
        let unknown = try client.readResponse()
        #expect(unknown.header("Connection") == "close")
        #expect(unknown.header("Content-Length") == nil)
        #expect(unknown.body.count == 1_000_000)
    }

    @Test("a producer failing before sending anything gets a 500; a handler's error a 500; a status error its status")
    func failures() throws {
        struct Broken: Error {}
        let server = try RunningServer { request, _, _ in
            switch request.path {
            case "/producer": return HTTPResponse(length: 10) { _ in throw Broken() }
            case "/throws": throw Broken()
            case "/multipart": throw MultipartError.truncated
            default:
                return HTTPResponse(headers: ["X-Injected": "a\r\nSet-Cookie: evil=1"], body: Array("x".utf8))
            }
        }
        for (path, status) in [("/producer", 500), ("/throws", 500), ("/multipart", 400), ("/inject", 500)] {
            let client = try server.client()
            try client.send(get(path))
            let response = try client.readResponse()
            #expect(response.status == status, "\(path)")
            #expect(response.header("Set-Cookie") == nil)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test("connections over the cap are answered 503 and closed; the accept loop keeps serving")
    func connectionCap() throws {
        let server = try RunningServer(configuration: HTTPServerConfiguration(maxConnections: 2), handler: echoPath)
        let first = try server.client()
        let second = try server.client()
        try first.send(get("/1"))
        #expect(try first.readResponse().status == 200)
        try second.send(get("/2"))
        #expect(try second.readResponse().status == 200)
        let third = try server.client()
        let refused = try third.readResponse()
        #expect(refused.status == 503)
        #expect(refused.header("Connection") == "close")
        #expect(third.isClosedByServer())
        try first.send(get("/again"))
        #expect(try first.readResponse().text.hasPrefix("/again #2"))
    }

    @Test("500 idle connections do not stop a new client from being served")
    func manyIdleConnections() throws {
        let server = try RunningServer(handler: echoPath)
        var idle: [TestClient] = []
        for _ in 0..<500 { idle.append(try server.client()) }
        let start = ContinuousClock.now
        let client = try server.client()
        try client.send(get("/fresh"))
        #expect(try client.readResponse().text.hasPrefix("/fresh #1"))
        #expect(ContinuousClock.now - start < .seconds(4))
        try idle[250].send(get("/old"))
        #expect(try idle[250].readResponse().status == 200)
    }

    @Test("an idle connection is closed silently at the idle deadline")
    func idleTimeout() throws {
        let server = try RunningServer(
            configuration: HTTPServerConfiguration(timeouts: quickTimeouts(idle: .milliseconds(200))), handler: echoPath
        )
        let client = try server.client()
        try client.send(get("/a"))
        #expect(try client.readResponse().status == 200)
        #expect(client.isClosedByServer())
        #expect(client.readToEnd().isEmpty)
    }

    @Test("a head not complete at its deadline is answered 408 and closed")
    func headTimeout() throws {
        let server = try RunningServer(
            configuration: HTTPServerConfiguration(timeouts: quickTimeouts(head: .milliseconds(300))), handler: echoPath
        )
        let client = try server.client()
        try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByServer())
    }

    @Test("a body not complete at its deadline makes the handler's read fail, answered 408")
    func bodyTimeout() throws {
        let server = try RunningServer(
            configuration: HTTPServerConfiguration(timeouts: quickTimeouts(body: .milliseconds(300)))
        ) { _, body, _ in
            _ = try body.readAll(limit: 1000)
            return .text("complete")
        }
        let client = try server.client()
        try client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part")
        let response = try client.readResponse()
        #expect(response.status == 408)
        #expect(client.isClosedByServer())
    }

    @Test("a client that disconnects in the middle of a download does not harm the server")
    func disconnectMidDownload() throws {
        let server = try RunningServer { _, _, _ in
            HTTPResponse(length: 50_000_000) { writer in
                let block = [UInt8](repeating: 1, count: 100_000)
                for _ in 0..<500 { try writer.write(block) }
            }
        }
        for _ in 0..<3 {
            let client = try server.client()
            try client.send(get("/big"))
            var byte: UInt8 = 0
            #expect(recv(client.fd, &byte, 1, 0) == 1)
        }
        let client = try server.client()
        try client.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse(headOnly: true).header("Content-Length") == "50000000")
    }

    @Test("the server listens on IPv6 literals too")
    func ipv6() throws {
        let server: RunningServer
        do {
            server = try RunningServer(host: "::1", handler: echoPath)
        } catch {
            return  // no IPv6 loopback on this machine
        }
        let client = try TestClient(port: server.port, host: "::1")
        try client.send(get("/six"))
        #expect(try client.readResponse().text == "/six #1 from ::1")
    }

    @Test("bind refuses names that are not IP literals; run refuses to start unbound")
    func bindErrors() {
        let server = HTTPServer(handler: echoPath)
        #expect(throws: HTTPServerError.invalidHost("localhost")) { try server.bind(host: "localhost", port: 0) }
        #expect(throws: HTTPServerError.notBound) { try server.run() }
    }

    @Test("stop lets a request under way finish with Connection: close, closes idle ones, and run returns")
    func gracefulStop() throws {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let server = try RunningServer(configuration: HTTPServerConfiguration(timeouts: quickTimeouts())) {
            request, _, _ in
            if request.path == "/slow" {
                entered.signal()
                _ = release.wait(timeout: .now() + 5)
            }
            return .text("done \(request.path)")
        }
        let idle = try server.client()
        try idle.send(get("/warm"))
        #expect(try idle.readResponse().status == 200)
        let busy = try server.client()
        try busy.send(get("/slow"))
        #expect(entered.wait(timeout: .now() + 5) == .success)
        server.server.stop()
        #expect(idle.isClosedByServer())
        #expect((try? TestClient(port: server.port)) == nil)
        release.signal()
        let response = try busy.readResponse()
        #expect(response.text == "done /slow")
        #expect(response.header("Connection") == "close")
        #expect(server.stop(waitingUpTo: 5))
        #expect(server.server.activeConnectionCount == 0)
    }
}

/// A counter that handler closures can share with the test, which can wait for it to move.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private let moved = DispatchSemaphore(value: 0)
    private var count = 0
    func increment() {
        lock.withLock { count += 1 }
        moved.signal()
    }
    var value: Int { lock.withLock { count } }
    /// Waits for one increment (at most `seconds`); true if it came.
    func waitForIncrement(seconds: Double) -> Bool { moved.wait(timeout: .now() + seconds) == .success }
}
