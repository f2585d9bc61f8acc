import BudgetCore
import BudgetRules
import BudgetStore
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Package")
struct PackageTests {
    /// A round holding the demo story, and the path of a package made from it.
    func storyRound(_ dir: TemporaryDirectory) throws -> String {
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        for step in DemoStory.steps {
            let request = SubmitRequest(
                path: Repo.example(step.file), receivedAt: step.receivedAt, note: step.note,
                acceptLate: step.reason != nil, reason: step.reason)
            _ = try Submit().record(request, roundDirectory: round, clock: at(step.time))
        }
        return round
    }

    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("the same round and clock give byte-identical packages, ZIP included")
    func deterministic() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        let a = try BuildPackage().run(
            PackageRequest(out: dir.sub("a"), zip: true), roundDirectory: round, clock: at(DemoStory.packaged))
        let b = try BuildPackage().run(
            PackageRequest(out: dir.sub("b"), zip: true), roundDirectory: round, clock: at(DemoStory.packaged))
        #expect(a.files == b.files)
        for file in a.files + [PackageFile(path: "manifest.json", role: "", sha256: "", bytes: 0)] {
            #expect(try bytes(dir.sub("a/" + file.path)) == bytes(dir.sub("b/" + file.path)), "\(file.path)")
        }
        #expect(try bytes(dir.sub("a.zip")) == bytes(dir.sub("b.zip")))
    }

    /// Runs python3 with `script` and `arguments`; nil when python3 is not installed.
    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try #require(Self.hasPython)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(
        "the package ZIP holds every file, deflated except the workbook, which is stored",
        .enabled(if: PackageTests.hasPython, "needs python3"))
    func zipMembers() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        let result = try BuildPackage().run(
            PackageRequest(out: dir.sub("p"), zip: true), roundDirectory: round, clock: at(DemoStory.packaged))
        let script = """
            import os, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for info in z.infolist():
                with open(os.path.join(sys.argv[2], info.filename), "rb") as f:
                    assert z.read(info) == f.read(), info.filename
                want = zipfile.ZIP_STORED if info.filename.endswith(".xlsx") else zipfile.ZIP_DEFLATED
                assert info.compress_type == want, (info.filename, info.compress_type)
            print(len(z.infolist()), z.namelist()[0])
            """
        let run = try python(script, [dir.sub("p.zip"), dir.sub("p")])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == "\(result.files.count + 1) manifest.json\n")
    }

    @Test(
        "a source whose bytes in the store no longer match its SHA-256 stops the package",
        .enabled(if: PackageTests.hasPython, "needs python3"))
    func tamperedSource() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        // Tampering needs the append-only trigger out of the way, as an attacker would.
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("DROP TRIGGER receipts_no_update")
            db.execute("UPDATE receipts SET bytes = CAST(replace(CAST(bytes AS TEXT), '000', '001') AS BLOB) WHERE id = 2")
            db.commit()
            print(db.execute("SELECT changes()").fetchone()[0])
            """
        let run = try python(script, [(round as NSString).appendingPathComponent("round.sqlite")])
        #expect(run.status == 0, "\(run.output)")
        let error = #expect(throws: EngineError.self) {
            try BuildPackage().run(
                PackageRequest(out: dir.sub("p")), roundDirectory: round, clock: at(DemoStory.packaged))
        }
        #expect(error?.details.first?.en.hasPrefix("the bytes of receipt 2 were changed") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.sub("p")))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".budget-tam") }.isEmpty
        )
    }

    @Test("every file the manifest lists has the SHA-256 and size it says")
    func manifestHashes() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        _ = try BuildPackage().run(
            PackageRequest(out: dir.sub("p")), roundDirectory: round, clock: at(DemoStory.packaged))
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.sub("p/manifest.json"))))
            as? [String: Any]
        let files = manifest?["files"] as? [[String: Any]] ?? []
        #expect(files.count == 11)
        for file in files {
            let path = try #require(file["path"] as? String)
            let data = try bytes(dir.sub("p/" + path))
            #expect(SHA256.hex(data) == file["sha256"] as? String, "\(path)")
            #expect(data.count == file["bytes"] as? Int)
        }
        let totals = manifest?["totals"] as? [String: Any]
        #expect(totals?["grandTotal"] as? Int == 2_394_505_000)
        #expect(manifest?["simulatedClock"] as? Bool == true)
        #expect((manifest?["missing"] as? [String]) == ["UBMTTQ"])
        // The sources are the counted submissions' original bytes.
        let sources = files.filter { $0["role"] as? String == "source" }.compactMap { $0["path"] as? String }
        #expect(sources.count == 5)
        #expect(try bytes(dir.sub("p/nguon/0002-SVHTTDL-so-van-hoa.csv")) == bytes(Repo.example("so-van-hoa.csv")))
    }

    @Test("an earlier package is refused without --force and replaced with it; any other folder never")
    func force() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        let out = dir.sub("p")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: out + "/old.txt", contents: Data("x".utf8)))
        for force in [false, true] {
            #expect(throws: EngineError.self) {
                try BuildPackage().run(
                    PackageRequest(out: out, force: force), roundDirectory: round, clock: at(DemoStory.packaged))
            }
        }
        #expect(FileManager.default.fileExists(atPath: out + "/old.txt"))
        #expect(FileManager.default.createFile(atPath: out + "/manifest.json", contents: Data("{}".utf8)))
        #expect(throws: EngineError.self) {
            try BuildPackage().run(PackageRequest(out: out), roundDirectory: round, clock: at(DemoStory.packaged))
        }
        _ = try BuildPackage().run(
            PackageRequest(out: out, force: true), roundDirectory: round, clock: at(DemoStory.packaged))
        #expect(!FileManager.default.fileExists(atPath: out + "/old.txt"))
        #expect(FileManager.default.fileExists(atPath: out + "/to-trinh.html"))
        #expect(!FileManager.default.fileExists(atPath: out + ".dang-ghi"))
    }

    @Test("the memo states the totals in figures and words, the missing agency and the simulated clock")
    func memo() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        _ = try BuildPackage().run(
            PackageRequest(out: dir.sub("p"), memo: MemoOptions(number: "45/TTr-STTTT", signer: "Nguyễn Văn A")),
            roundDirectory: round, clock: at(DemoStory.packaged))
        let html = String(decoding: try bytes(dir.sub("p/to-trinh.html")), as: UTF8.self)
        #expect(html.contains("2.394.505.000 đồng"))
        #expect(html.contains("Hai tỷ ba trăm chín mươi tư triệu năm trăm linh năm nghìn đồng"))
        #expect(html.contains("Đơn vị chưa gửi dự toán: Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh."))
        #expect(html.contains("BẢN THỬ"))
        #expect(html.contains("Số: 45/TTr-STTTT"))
        #expect(html.contains("Nguyễn Văn A"))
        #expect(html.contains("Kon Tum, ngày 12 tháng 3 năm 2020"))
        #expect(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    }

    @Test("lines over the sheet limit are split across sheets and the memo says so")
    func split() throws {
        let dir = TemporaryDirectory()
        let round = try storyRound(dir)
        let result = try BuildPackage().run(
            PackageRequest(out: dir.sub("p"), maxRowsPerSheet: 10), roundDirectory: round, clock: at(DemoStory.packaged)
        )
        #expect(result.detailSheets == 3)  // 28 lines + the total row, 10 per sheet
        let html = String(decoding: try bytes(dir.sub("p/to-trinh.html")), as: UTF8.self)
        #expect(html.contains("được chia thành 3 trang tính"))
    }

    @Test("text that a spreadsheet would run is neutralised, and HTML escapes what it shows")
    func hostileText() throws {
        let dir = TemporaryDirectory()
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        let csv = """
            Mã đơn vị,BAOKT
            STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú
            1,IV.5.a,"=HYPERLINK(""http://x"")",phim,1,100,100,@cmd
            2,IV.5.b,<script>alert(1)</script>,kỳ,1,200,200,+1

            """
        let good = dir.sub("hostile.csv")
        try Data(csv.utf8).write(to: URL(fileURLWithPath: good))
        let accepted = try Submit().record(
            SubmitRequest(path: good), roundDirectory: round, clock: at("2020-03-05T09:00:00"))
        #expect(accepted.receipt.decision == .accepted, "\(accepted.check.findings)")
        let bad = dir.sub("bad.csv")
        try Data("Mã đơn vị,BAOKT\nSTT,Mã nội dung,Nội dung,Thành tiền\n1,<script>x,y,5\n".utf8).write(
            to: URL(fileURLWithPath: bad))
        _ = try Submit().record(SubmitRequest(path: bad), roundDirectory: round, clock: at("2020-03-05T10:00:00"))
        _ = try BuildPackage().run(
            PackageRequest(out: dir.sub("p")), roundDirectory: round, clock: at(DemoStory.packaged))
        let lines = String(decoding: try bytes(dir.sub("p/chi-tiet.csv")), as: UTF8.self)
        #expect(lines.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))
        #expect(lines.contains("'@cmd"))
        #expect(lines.contains("'+1"))
        let report = String(decoding: try bytes(dir.sub("p/bao-cao-tiep-nhan.html")), as: UTF8.self)
        #expect(report.contains("&lt;script&gt;x"))
        #expect(!report.contains("<script>"))
        var sink: [UInt8] = []
        try Export().run(
            ExportRequest(what: .lines, format: .html, separator: .comma), roundDirectory: round,
            clock: at(DemoStory.packaged), standardOutput: { sink += $0 })
        let html = String(decoding: sink, as: UTF8.self)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }
}
