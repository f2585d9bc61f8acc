import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer
import Testing

@testable import BudgetPortal

/// The portal on a real socket, driven by curl as scripts and people would.
@Suite("The portal over a socket, with curl", .serialized, .enabled(if: Curl.path != nil, "needs curl"))
struct LiveServerTests {
    @Test("an upload answered 201 is already in the store; Expect: 100-continue; the receipt reads back")
    func acknowledgedAfterCommit() throws {
        let f = try Fixture()
        let live = try LiveServer(f.portal)
        defer { live.stop() }
        let file = try f.write("so-thong-tin.csv", Repo.example("so-thong-tin.csv"))
        for attempt in 1...3 {
            let result = try Curl.run(
                [
                    "-H", "Authorization: Bearer \(f.codes["STTTT"] ?? "")", "-H", "Expect: 100-continue",
                    "-F", "file=@\(file);filename=dự-toán-\(attempt).csv", live.base + "/api/submissions",
                ], directory: f.directory)
            #expect(result.status == 201)
            // Acknowledged means committed: another connection to the round sees it at once.
            let detail = try ReceiptLookup().receipt(Int64(attempt), roundDirectory: f.round)
            #expect(detail?.result.receipt.fileName == "dự-toán-\(attempt).csv")
            #expect(result.headers.lowercased().contains("content-security-policy:"))
        }
        let back = try Curl.run(
            ["-H", "Authorization: Bearer \(f.codes["STTTT"] ?? "")", live.base + "/api/receipts/2"],
            directory: f.directory)
        #expect(back.status == 200 && back.body.contains("\"receipt\": 2"))
    }

    @Test("413 before the body when Content-Length is over the limit; an oversized file is never recorded")
    func tooLarge() throws {
        let f = try Fixture()
        let live = try LiveServer(f.portal)
        defer { live.stop() }
        let big = f.directory + "/big.csv"
        _ = FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 70 << 20)
        try handle.close()
        let result = try Curl.run(
            [
                "-H", "Authorization: Bearer \(f.codes["STTTT"] ?? "")", "-H", "Expect: 100-continue", "-w",
                " %{size_upload}", "-F", "file=@\(big)", live.base + "/api/submissions",
            ], directory: f.directory)
        let parts = String(result.status).split(separator: " ")
        #expect(result.status == 413 || parts.first == "413" || result.headers.contains(" 413 "))
        #expect(result.headers.contains("413"))
        // Within the body limit but over the file limit: refused while streaming.
        let over = f.directory + "/over.csv"
        _ = FileManager.default.createFile(atPath: over, contents: nil)
        let h2 = try FileHandle(forWritingTo: URL(fileURLWithPath: over))
        try h2.truncate(atOffset: (64 << 20) + 10)
        try h2.close()
        let streamed = try Curl.run(
            [
                "-H", "Authorization: Bearer \(f.codes["STTTT"] ?? "")", "-F", "file=@\(over)",
                live.base + "/api/submissions",
            ],
            directory: f.directory)
        #expect(streamed.headers.contains("413"))
        #expect(try ReceiptLookup().receipt(1, roundDirectory: f.round) == nil)
        #expect(LocalFileSystem().list(f.portal.scratch.path).isEmpty, "the partial upload is removed")
    }

    @Test("a browser session over the socket: cookie flags, CSRF, check then send")
    func browserSession() throws {
        let f = try Fixture()
        let live = try LiveServer(f.portal)
        defer { live.stop() }
        let jar = f.directory + "/jar.txt"
        let page = try Curl.run(["-c", jar, live.base + "/"], directory: f.directory)
        #expect(page.status == 200)
        let cookieLine = page.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") }
        #expect(cookieLine?.contains("HttpOnly") == true && cookieLine?.contains("SameSite=Strict") == true)
        let token = try #require(Browser.token(in: page.body))
        let signIn = try Curl.run(
            [
                "-b", jar, "-c", jar, "--data-urlencode", "csrf=\(token)", "--data-urlencode",
                "code=\(f.codes["BAOKT"] ?? "")",
                live.base + "/sign-in",
            ], directory: f.directory)
        #expect(signIn.status == 303)
        let home = try Curl.run(["-b", jar, live.base + "/agency"], directory: f.directory)
        let token2 = try #require(Browser.token(in: home.body))
        let file = try f.write("bao-kon-tum.csv", Repo.example("bao-kon-tum.csv"))
        let noToken = try Curl.run(
            ["-b", jar, "-F", "file=@\(file)", live.base + "/agency/submit"], directory: f.directory)
        #expect(noToken.status == 403)
        let sent = try Curl.run(
            ["-b", jar, "-F", "csrf=\(token2)", "-F", "file=@\(file)", live.base + "/agency/submit"],
            directory: f.directory)
        #expect(sent.status == 303)
        #expect(sent.headers.contains("Location: /receipts/1"))
    }
}
