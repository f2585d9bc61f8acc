import Foundation
import HTTPServer
import Testing

/// The handler of the module's usage example: streams the uploaded file of a multipart form
/// to disk as it arrives, collects the text fields, and answers JSON.
struct UploadHandler: HTTPHandler {
    let directory: URL
    let failures: Counter

    func respond(
        to request: HTTPRequest, body: inout HTTPBodyReader, connection: HTTPConnectionInfo
    ) throws
        -> HTTPResponse
    {
        guard request.method == .post, request.path == "/upload" else { return .text("not here", status: .notFound) }
        guard request.cookies["sid"] == "s3cret" else { return .text("log in first", status: .unauthorized) }
        let boundary = try MultipartParser.boundary(contentType: request.headers["Content-Type"] ?? "")
        var file: FileHandle?
        var savedName: String?
        var savedBytes = 0
        defer { try? file?.close() }
        let fields: HTTPFormFields
        do {
            fields = try body.readMultipartForm(boundary: boundary) { event in
                switch event {
                case .partBegin(let part):
                    guard file == nil else { throw MultipartError.tooManyParts }  // one file per form here
                    let url = directory.appendingPathComponent("upload-\(connection.connectionID).bin")
                    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                    file = try FileHandle(forWritingTo: url)
                    savedName = part.filename
                case .partData(let data):
                    try file?.write(contentsOf: data)
                    savedBytes += data.count
                case .partEnd, .end:
                    break
                }
            }
        } catch {
            failures.increment()
            throw error
        }
        let json = """
            {"agency":"\(fields["agency"] ?? "")","file":"\(savedName ?? "")","bytes":\(savedBytes)}
            """
        return .text(json, status: .created, contentType: "application/json")
    }
}

@Suite("Uploads over loopback sockets", .serialized)
struct UploadTests {
    static let boundary = "----WebKitFormBoundaryUpload42"

    static func form(fileBytes: [UInt8]) -> [UInt8] {
        multipartBody(
            boundary: boundary,
            [
                ("Content-Disposition: form-data; name=\"agency\"\r\n", Array("BAOKT".utf8)),
                (
                    "Content-Disposition: form-data; name=\"file\"; filename=\"dự-toán.xlsx\"\r\nContent-Type: application/octet-stream\r\n",
                    fileBytes
                ),
            ])
    }

    static func request(_ body: [UInt8], extra: String = "") -> [UInt8] {
        Array(
            ("POST /upload HTTP/1.1\r\nHost: portal\r\nCookie: sid=s3cret\r\n\(extra)"
                + "Content-Type: multipart/form-data; boundary=\"\(boundary)\"\r\nContent-Length: \(body.count)\r\n\r\n")
                .utf8) + body
    }

    func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "http-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test("a 5 MB multipart upload is streamed to a file and answered with JSON")
    func upload() throws {
        try withDirectory { directory in
            let failures = Counter()
            let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20)) {
                try UploadHandler(directory: directory, failures: failures).respond(to: $0, body: &$1, connection: $2)
            }
            let fileBytes = (0..<5_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
            let client = try server.client()
            try client.send(Self.request(Self.form(fileBytes: fileBytes)))
            let response = try client.readResponse()
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"agency":"BAOKT","file":"dự-toán.xlsx","bytes":5000000}"#)
            let saved = try Data(contentsOf: directory.appendingPathComponent("upload-1.bin"))
            #expect([UInt8](saved) == fileBytes)
            #expect(failures.value == 0)
        }
    }

    @Test("an upload with Expect: 100-continue is refused before its body without a session cookie")
    func refusedBeforeBody() throws {
        try withDirectory { directory in
            let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20)) {
                try UploadHandler(directory: directory, failures: Counter()).respond(to: $0, body: &$1, connection: $2)
            }
            let client = try server.client()
            let head =
                "POST /upload HTTP/1.1\r\nHost: portal\r\nExpect: 100-continue\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 60000000\r\n\r\n"
            try client.send(head)
            let response = try client.readResponse()
            #expect(response.status == 401)
            #expect(client.isClosedByServer())
        }
    }

    @Test("a form that ends before its close delimiter is answered 400")
    func truncatedForm() throws {
        try withDirectory { directory in
            let failures = Counter()
            let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20)) {
                try UploadHandler(directory: directory, failures: failures).respond(to: $0, body: &$1, connection: $2)
            }
            var body = Self.form(fileBytes: [UInt8](repeating: 1, count: 1000))
            body.removeLast(10)
            let client = try server.client()
            try client.send(Self.request(body))
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(failures.value == 1)
        }
    }

    @Test("after a client leaves mid-upload the handler's read fails and the server keeps serving")
    func clientLeavesMidUpload() throws {
        try withDirectory { directory in
            let failures = Counter()
            let server = try RunningServer(configuration: HTTPServerConfiguration(maxBodyBytes: 65 << 20)) {
                try UploadHandler(directory: directory, failures: failures).respond(to: $0, body: &$1, connection: $2)
            }
            do {
                let leaving = try server.client()
                let full = Self.request(Self.form(fileBytes: [UInt8](repeating: 2, count: 2_000_000)))
                try leaving.send(Array(full.prefix(1_000_000)))
            }
            #expect(failures.waitForIncrement(seconds: 5))
            #expect(failures.value == 1)
            let client = try server.client()
            try client.send(Self.request(Self.form(fileBytes: [1, 2, 3])))
            #expect(try client.readResponse().status == 201)
        }
    }
}
