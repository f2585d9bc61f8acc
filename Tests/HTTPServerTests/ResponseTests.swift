import Testing

@testable import HTTPServer

@Suite("Responses")
struct ResponseTests {
    @Test(
        "the Date header is IMF-fixdate in GMT",
        arguments: [
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
            (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
            (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        ] as [(Int64, String)])
    func date(_ seconds: Int64, _ text: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == text)
    }

    @Test("the head has the status line, the handler's fields, then the framing the server owns")
    func serializedHead() {
        let headers: HTTPHeaders = [
            "Content-Type": "application/json", "content-length": "999", "Connection": "upgrade",
        ]
        let head = HTTPResponseHead.serialize(
            status: .created, headers: headers, contentLength: 2, persistence: .close, date: "D")
        #expect(
            String(decoding: head, as: UTF8.self)
                == "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\nDate: D\r\n\r\n"
        )
    }

    @Test("HTTP/1.0 keep-alive is confirmed; HTTP/1.1 keep-alive needs no field; 204 and 304 get no length")
    func persistenceAndNoContent() {
        let ten = HTTPResponseHead.serialize(
            status: .ok, headers: [:], contentLength: 0, persistence: .keepAliveHTTP10, date: "D")
        #expect(
            String(decoding: ten, as: UTF8.self)
                == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\nDate: D\r\n\r\n")
        let noContent = HTTPResponseHead.serialize(
            status: .noContent, headers: [:], contentLength: 0, persistence: .keepAlive, date: "D")
        #expect(String(decoding: noContent, as: UTF8.self) == "HTTP/1.1 204 No Content\r\nDate: D\r\n\r\n")
        let notModified = HTTPResponseHead.serialize(
            status: .notModified, headers: [:], contentLength: 0, persistence: .keepAlive, date: "D")
        #expect(!String(decoding: notModified, as: UTF8.self).contains("Content-Length"))
    }

    @Test("a field value with CR or LF, a non-token name, or a bad status is not safe to send")
    func unsafeHeaders() {
        #expect(HTTPResponseHead.isSafe(status: .ok, headers: ["X-A": "fine\tvalue ü"]))
        #expect(!HTTPResponseHead.isSafe(status: .ok, headers: ["X-A": "a\r\nSet-Cookie: x=1"]))
        #expect(!HTTPResponseHead.isSafe(status: .ok, headers: ["X-A": "a\nb"]))
        #expect(!HTTPResponseHead.isSafe(status: .ok, headers: ["X A": "b"]))
        #expect(!HTTPResponseHead.isSafe(status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nX: y"), headers: [:]))
        #expect(!HTTPResponseHead.isSafe(status: .continue, headers: [:]))
    }

    @Test("a streamed body is produced block by block and collected whole for handler tests")
    func streamedBody() throws {
        let response = HTTPResponse(headers: ["Content-Type": "application/zip"], length: 200_000) { writer in
            for index in 0..<2000 { try writer.write([UInt8](repeating: UInt8(index % 256), count: 100)) }
        }
        let body = try response.collectBody()
        #expect(body.count == 200_000)
        #expect(body[100] == 1)
        #expect(response.contentLength == 200_000)
    }

    @Test("a producer writing more or less than the declared length fails")
    func streamedLengthMismatch() {
        let tooLong = HTTPResponse(length: 3) { try $0.write("four") }
        #expect(throws: HTTPBodyWriterError.lengthExceeded) { try tooLong.collectBody() }
        let tooShort = HTTPResponse(length: 5) { try $0.write("four") }
        #expect(throws: HTTPBodyWriterError.lengthNotReached) { try tooShort.collectBody() }
    }

    @Test("headers are looked up in any case, replaced and removed by name")
    func headerEditing() {
        var headers: HTTPHeaders = ["Set-Cookie": "a=1"]
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        headers.replaceOrAdd(name: "Set-Cookie", value: "c=3")
        #expect(headers.values(for: "set-cookie") == ["c=3"])
        headers.remove("SET-cookie")
        #expect(headers.count == 0)
        let connection: HTTPHeaders = ["Connection": "keep-alive, Upgrade"]
        #expect(connection.containsToken("upgrade", in: "connection"))
    }

    @Test("a body reader over bytes reads in pieces, then reports the end; readAll refuses more than its limit")
    func memoryBodyReader() throws {
        var reader = HTTPBodyReader(bytes: Array("hello world".utf8))
        #expect(try reader.read(maxCount: 5) == Array("hello".utf8))
        #expect(reader.remaining == 6)
        #expect(try reader.readAll(limit: 100) == Array(" world".utf8))
        #expect(try reader.read(maxCount: 5) == [])
        var big = HTTPBodyReader(bytes: [UInt8](repeating: 0, count: 10))
        #expect(throws: HTTPBodyError.tooLarge) { try big.readAll(limit: 9) }
        #expect(big.bytesRead == 0)
    }
}
