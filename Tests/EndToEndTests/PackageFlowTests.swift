import Foundation
import Testing

@Suite("demo, package and export through the binary")
struct PackageFlowTests {
    func temporary() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("budget-e2e-" + UUID().uuidString).path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("budget demo writes the package and prints the grand total in figures and words")
    func demo() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Binary.run(["--lang", "vi", "demo"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Tổng cộng: 2.394.505.000 đồng"))
        #expect(r.stdout.contains("Bằng chữ: Hai tỷ ba trăm chín mươi tư triệu năm trăm linh năm nghìn đồng"))
        #expect(r.stdout.contains("cong-an-tre-han.csv → CAT: từ chối: nộp sau hạn (exit 3)"))
        #expect(
            r.stdout.contains("tinh-doan-tre-han.csv --accept-late → TINHDOAN: chấp nhận sau hạn (ngoại lệ) (exit 0)"))
        let package = dir + "/budget-demo/goi-gui-so-tai-chinh"
        for name in [
            "to-trinh.html", "tong-hop.xlsx", "theo-don-vi.csv", "theo-noi-dung.csv", "chi-tiet.csv",
            "bao-cao-tiep-nhan.html", "manifest.json", "nguon",
        ] {
            #expect(FileManager.default.fileExists(atPath: package + "/" + name), "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: package + ".zip"))
        // A second demo in the same directory goes to budget-demo-2, leaving the first alone.
        let again = try Binary.run(["demo"], in: dir)
        #expect(again.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/budget-demo-2/goi-gui-so-tai-chinh/manifest.json"))
    }

    @Test("a round missing many agencies: the warning names ten and counts the rest; the memo lists them all")
    func manyMissing() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let agencies = (1...25).map { "{\"code\": \"DV\($0)\", \"name\": \"Đơn vị \($0)\"}" }
        let plan = """
            {"format": "budget-plan/1", "id": "nhieu-don-vi", "title": "Kế hoạch thử", "issuer": "Ủy ban nhân dân tỉnh",
             "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
             "recipient": {"code": "STC", "name": "Sở Tài chính"}, "currency": "VND",
             "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10",
             "agencies": [\(agencies.joined(separator: ", "))], "items": [{"code": "I.1", "title": "Nội dung"}]}
            """
        try Data(plan.utf8).write(to: URL(fileURLWithPath: dir + "/plan.json"))
        let clock = Program.clock(KonTum.beforeDeadline)
        #expect(try Binary.run(["init", dir + "/dot", "--plan", dir + "/plan.json"], environment: clock).status == 0)
        let r = try Binary.run(
            ["--lang", "en", "package", "--round", dir + "/dot", "--out", dir + "/goi"], environment: clock)
        #expect(r.status == 0, "\(r.stderr)")
        let warning = try #require(r.stderr.split(separator: "\n").first { $0.contains("no estimate from") })
        #expect(warning.contains("DV10 (Đơn vị 10)"))
        #expect(!warning.contains("DV11 "))
        #expect(warning.contains("and 15 more (see budget status)"))
        let memo = try String(contentsOfFile: dir + "/goi/to-trinh.html", encoding: .utf8)
        #expect(memo.contains("Đơn vị 25"), "the memo names every missing agency")
    }

    @Test("the package ZIP and workbook are sound archives for Python's zipfile", .enabled(if: Self.hasPython))
    func zipfile() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Binary.run(["demo", "--out", dir + "/d"]).status == 0)
        for archive in [dir + "/d/goi-gui-so-tai-chinh.zip", dir + "/d/goi-gui-so-tai-chinh/tong-hop.xlsx"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [
                "python3", "-c",
                "import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))",
                archive,
            ]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(archive)")
        }
    }

    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }

    @Test("package refuses a non-empty folder (exit 2) and export writes each format")
    func packageAndExport() throws {
        let dir = temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Binary.run(["demo", "--out", dir + "/d"]).status == 0)
        let round = dir + "/d/dot-tong-hop"
        let env = ["BUDGET_NOW": "2020-03-12T15:00:00+07:00"]
        let refused = try Binary.run(
            ["package", "--round", round, "--out", dir + "/d/goi-gui-so-tai-chinh"], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        let forced = try Binary.run(
            [
                "package", "--round", round, "--out", dir + "/d/goi-gui-so-tai-chinh", "--force", "--number",
                "45/TTr-STTTT",
            ], environment: env)
        #expect(forced.status == 0, "\(forced.stderr)")
        let json = try Binary.run(
            ["export", "--round", round, "--what", "items", "--format", "json"], environment: env)
        #expect(json.status == 0)
        let items = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(items?.first { $0["code"] as? String == "IV.5.a" }?["total"] as? Int == 372_000_000)
        let xlsx = dir + "/agencies.xlsx"
        #expect(
            try Binary.run(
                ["export", "--round", round, "--what", "agencies", "--format", "xlsx", "-o", xlsx], environment: env
            ).status == 0)
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: xlsx)).readData(ofLength: 2)
        #expect(head == Data("PK".utf8))
        let md = try Binary.run(["export", "--round", round, "--what", "matrix", "--format", "md"], environment: env)
        #expect(md.stdout.contains("| Tổng cộng |"))
    }
}
