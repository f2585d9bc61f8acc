import BudgetTestSupport
import Foundation
import Testing

/// Rounds over time, through the real binary: the bundled Bắc Ninh plan (reports due on
/// the 20th of every month), a round for February 2020 and one for March 2020, and the
/// comparison of the two in every format.
///
/// The figures, in đồng (March against February):
///
/// | agency | March | February | change | % |
/// |---|---:|---:|---:|---:|
/// | BTGDUK | 57 500 000 | 42 500 000 | +15 000 000 | 35,3 |
/// | BBTCTTDT | 0 | 0 | 0 | — |
/// | CSD | 0 (refused: late) | 30 000 000 | −30 000 000 | −100 |
/// | DOANKHOI | 20 000 000 | 0 (missing) | +20 000 000 | — |
/// | CCBKHOI | 9 000 000 | 12 000 000 | −3 000 000 | −25 |
/// | total | 86 500 000 | 84 500 000 | +2 000 000 | 2,4 |
@Suite("Rounds over time: two periods of the Bắc Ninh plan compared")
struct PeriodsFlowTests {
    /// An estimate from `agency` with `lines` of (item, quantity, unit price), as an
    /// accountant fills in the template.
    static func estimate(_ agency: String, _ lines: [(String, Int64, Int64)]) -> [UInt8] {
        var text = "DỰ TOÁN KINH PHÍ\nKế hoạch,bac-ninh-2020\nMã đơn vị,\(agency)\n\n"
        text += "STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú\n"
        var total: Int64 = 0
        for (n, line) in lines.enumerated() {
            let amount = line.1 * line.2
            total += amount
            text += "\(n + 1),\(line.0),Hoạt động \(n + 1),lần,\(line.1),\(line.2),\(amount),\n"
        }
        text += ",,Tổng cộng,,,,\(total),\n"
        return Array(text.utf8)
    }

    /// The two rounds, built once per test from the bundled plan with the injected clock.
    struct TwoPeriods {
        let scratch: Scratch
        var february: String { scratch.sub("thang-02") }
        var march: String { scratch.sub("thang-03") }

        init(_ label: String) throws {
            scratch = Scratch("periods-\(label)")
            let opened = try Binary.run(
                ["init", scratch.sub("thang-02"), "--plan", "bac-ninh-2020", "--period", "2020-02"],
                environment: Program.clock("2020-02-03T08:00:00+07:00"))
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.contains("February 2020"), "\(opened.stdout)")
            #expect(opened.stdout.contains("20/02/2020 23:59:59"), "the period's own deadline: \(opened.stdout)")
            let openedMarch = try Binary.run(
                ["init", scratch.sub("thang-03"), "--plan", "bac-ninh-2020", "--period", "2020-03"],
                environment: Program.clock("2020-03-02T08:00:00+07:00"))
            #expect(openedMarch.status == 0, "\(openedMarch.stderr)")
            try submit(
                february, "2020-02-20T23:00:00+07:00",
                [
                    ("BTGDUK", [("2.2.a", 2, 15_000_000), ("2.4.a", 1, 12_500_000)]),
                    ("CSD", [("2.3.a", 10, 3_000_000)]), ("CCBKHOI", [("2.3.b", 3, 4_000_000)]),
                ])
            try submit(
                march, "2020-03-19T10:00:00+07:00",
                [
                    ("BTGDUK", [("2.2.a", 3, 15_000_000), ("2.4.a", 1, 12_500_000)]),
                    ("DOANKHOI", [("2.3.b", 4, 5_000_000)]), ("CCBKHOI", [("2.3.b", 3, 3_000_000)]),
                ])
            // March's deadline is the 20th of March: CSD's file on the 21st is refused.
            let late = try scratch.write("CSD-late.csv", PeriodsFlowTests.estimate("CSD", [("2.3.a", 1, 1_000_000)]))
            let refused = try Binary.run(
                ["submit", late, "--round", march], environment: Program.clock("2020-03-21T00:00:00+07:00"))
            #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        }

        func submit(_ round: String, _ now: String, _ files: [(String, [(String, Int64, Int64)])]) throws {
            for (agency, lines) in files {
                let path = try scratch.write(
                    "\((round as NSString).lastPathComponent)-\(agency).csv", PeriodsFlowTests.estimate(agency, lines))
                let result = try Binary.run(["submit", path, "--round", round], environment: Program.clock(now))
                #expect(result.status == 0, "\(agency): \(result.stdout)\(result.stderr)")
            }
        }

        /// `export --round MARCH --compare FEBRUARY` with `arguments` added.
        func compare(_ arguments: [String]) throws -> Binary.Result {
            try Binary.run(
                ["export", "--round", march, "--compare", february] + arguments,
                environment: Program.clock("2020-03-25T09:00:00+07:00"))
        }
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("by agency: each agency's total in both months, the signed change and the exact percentage")
    func agencies() throws {
        let rounds = try TwoPeriods("agencies")
        let result = try rounds.compare(["--what", "agencies", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.json(result.stdout)
        #expect(
            rows.map { $0["code"] as? String ?? "" } == ["BTGDUK", "BBTCTTDT", "CSD", "DOANKHOI", "CCBKHOI"])
        let expected: [(String, String, String, Int, Int, Int, Double?)] = [
            ("BTGDUK", "Đã nhận", "Đã nhận", 57_500_000, 42_500_000, 15_000_000, 35.3),
            ("BBTCTTDT", "Chưa gửi", "Chưa gửi", 0, 0, 0, nil),
            ("CSD", "Từ chối (quá hạn)", "Đã nhận", 0, 30_000_000, -30_000_000, -100),
            ("DOANKHOI", "Đã nhận", "Chưa gửi", 20_000_000, 0, 20_000_000, nil),
            ("CCBKHOI", "Đã nhận", "Đã nhận", 9_000_000, 12_000_000, -3_000_000, -25),
        ]
        for (row, want) in zip(rows, expected) {
            #expect(row["code"] as? String == want.0)
            #expect(row["state"] as? String == want.1, "\(want.0)")
            #expect(row["otherState"] as? String == want.2, "\(want.0)")
            #expect(row["total"] as? Int == want.3, "\(want.0)")
            #expect(row["otherTotal"] as? Int == want.4, "\(want.0)")
            #expect(row["change"] as? Int == want.5, "\(want.0)")
            if let percent = want.6 {
                #expect((row["changePercent"] as? NSNumber)?.doubleValue == percent, "\(want.0)")
            } else {
                #expect(row["changePercent"] is NSNull, "\(want.0)")
            }
        }
        let keys = ["no", "code", "name", "state", "otherState", "total", "otherTotal", "change", "changePercent"]
        #expect(rows.allSatisfy { Set($0.keys) == Set(keys) })
        // The changes add up to the change of the grand total (86 500 000 − 84 500 000).
        #expect(rows.reduce(0) { $0 + ($1["change"] as? Int ?? 0) } == 2_000_000)
    }

    @Test("by item: each item's total in both months and the change; the paper formats end with the total")
    func items() throws {
        let rounds = try TwoPeriods("items")
        let json = try rounds.compare(["--what", "items", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try Self.json(json.stdout)
        #expect(rows.count == 13, "every item of the plan")
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0["code"] as? String ?? "", $0) })
        let expected: [(String, Int, Int, Int, Double?)] = [
            ("2.2.a", 45_000_000, 30_000_000, 15_000_000, 50), ("2.3.a", 0, 30_000_000, -30_000_000, -100),
            ("2.3.b", 29_000_000, 12_000_000, 17_000_000, 141.7), ("2.4.a", 12_500_000, 12_500_000, 0, 0),
            ("2.1.1", 0, 0, 0, nil),
        ]
        for want in expected {
            let row = try #require(byCode[want.0])
            #expect(row["total"] as? Int == want.1, "\(want.0)")
            #expect(row["otherTotal"] as? Int == want.2, "\(want.0)")
            #expect(row["change"] as? Int == want.3, "\(want.0)")
            if let percent = want.4 {
                #expect((row["changePercent"] as? NSNumber)?.doubleValue == percent, "\(want.0)")
            } else {
                #expect(row["changePercent"] is NSNull, "\(want.0)")
            }
            #expect(row["note"] is NSNull, "the same plan in both months: \(want.0)")
        }
        let markdown = try rounds.compare(["--what", "items", "--format", "md"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("| Kinh phí tháng 03/2020 (đồng) | Kinh phí tháng 02/2020 (đồng) |"))
        #expect(markdown.stdout.contains("|  |  | Tổng cộng | 86500000 | 84500000 | 2000000 | 2.4 |  |"))
    }

    @Test("CSV: UTF-8 with a BOM, amounts as plain signed integers, no total row")
    func csv() throws {
        let rounds = try TwoPeriods("csv")
        let out = rounds.scratch.sub("so-sanh.csv")
        let result = try rounds.compare(["--what", "agencies", "--format", "csv", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(lines.count == 6, "a header and five agencies: \(lines)")
        #expect(
            lines.first
                == "STT,Mã đơn vị,Đơn vị,Trạng thái tháng 03/2020,Trạng thái tháng 02/2020,Kinh phí tháng 03/2020 (đồng),Kinh phí tháng 02/2020 (đồng),\"Tăng (+), giảm (-) (đồng)\",\"Tỷ lệ tăng, giảm (%)\""
        )
        #expect(lines.contains("1,BTGDUK,Ban Tuyên giáo Đảng ủy Khối,Đã nhận,Đã nhận,57500000,42500000,15000000,35.3"))
        #expect(
            lines.contains(
                "3,CSD,\"Các chi bộ, đảng bộ cơ sở trực thuộc Đảng bộ Khối\",Từ chối (quá hạn),Đã nhận,0,30000000,-30000000,-100"
            ))
        #expect(
            lines.contains(
                "4,DOANKHOI,Đoàn Khối các Cơ quan và Doanh nghiệp tỉnh,Đã nhận,Chưa gửi,20000000,0,20000000,"))
        #expect(!lines.contains { $0.contains("Tổng cộng") })
        let semicolons = try rounds.compare(["--what", "items", "--format", "csv", "--separator", ";"])
        #expect(semicolons.stdout.contains("4;2.2.a;"))
    }

    @Test("XLSX: a sheet with the title block naming both months, A4, the header on every page, the figures")
    func xlsx() throws {
        let rounds = try TwoPeriods("xlsx")
        let out = rounds.scratch.sub("so-sanh.xlsx")
        let result = try rounds.compare(["--what", "agencies", "--format", "xlsx", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let zip = try ZipReader([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
        let sheet = try #require(zip.text("xl/worksheets/sheet1.xml"))
        let workbook = try #require(zip.text("xl/workbook.xml"))
        #expect(workbook.contains("name=\"So sánh theo đơn vị\""))
        #expect(workbook.contains("_xlnm.Print_Titles"))
        #expect(sheet.contains("SO SÁNH DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ THÁNG 03/2020 VỚI THÁNG 02/2020"))
        #expect(sheet.contains("bản thử, đồng hồ mô phỏng"))
        #expect(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""))
        for value in ["57500000", "42500000", "15000000", "-30000000", "-3000000", "86500000", "84500000", "2000000"] {
            #expect(sheet.contains("<v>\(value)</v>"), "\(value)")
        }
        #expect(sheet.contains("<v>35.3</v>") && sheet.contains("<v>-25</v>") && sheet.contains("<v>2.4</v>"))
        // The percentages show one place, whole ones too ("-25,0"): a style of their own.
        let styles = try #require(zip.text("xl/styles.xml"))
        #expect(styles.contains("<numFmt numFmtId=\"165\" formatCode=\"#,##0.0\"/>"))
        #expect(sheet.contains("s=\"11\"><v>-25</v>") && sheet.contains("s=\"11\"><v>35.3</v>"))
        #expect(!sheet.contains("<f>"), "no formula")
        #expect(sheet.contains("Chưa gửi"))
    }

    @Test("HTML: prints on A4, amounts grouped, the months named in the title and the headers")
    func html() throws {
        let rounds = try TwoPeriods("html")
        let result = try rounds.compare(["--what", "items", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = result.stdout
        #expect(page.contains("@page { size: A4 landscape"))
        #expect(page.contains("<title>So sánh theo nội dung — bac-ninh-2020 — tháng 03/2020</title>"))
        #expect(page.contains("SO SÁNH DỰ TOÁN KINH PHÍ THEO NỘI DUNG THÁNG 03/2020 VỚI THÁNG 02/2020"))
        for text in ["86.500.000", "84.500.000", "2.000.000", "-30.000.000", "141,7", "Kinh phí tháng 02/2020 (đồng)"] {
            #expect(page.contains(text), "\(text)")
        }
        // A whole percentage keeps its place, so that the column reads evenly.
        let agencies = try rounds.compare(["--what", "agencies", "--format", "html"])
        for text in [">35,3<", ">-25,0<", ">-100,0<", ">2,4<"] {
            #expect(agencies.stdout.contains(text), "\(text)")
        }
        #expect(!agencies.stdout.contains(">-25<"))
    }

    @Test("the matrix and the lines do not compare; nor does another plan's round; nothing is written")
    func refusals() throws {
        let rounds = try TwoPeriods("refusals")
        for what in ["matrix", "lines"] {
            let out = rounds.scratch.sub("\(what).csv")
            let result = try rounds.compare(["--what", what, "--format", "csv", "-o", out])
            #expect(result.status == 2, "\(what)")
            #expect(result.stderr.contains("--compare works with --what agencies or --what items"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
        let konTum = rounds.scratch.sub("kon-tum")
        #expect(try Binary.run(["init", konTum, "--plan", "kon-tum-2020"]).status == 0)
        let foreign = try Binary.run(
            [
                "--lang", "vi", "export", "--round", rounds.march, "--compare", konTum, "--what", "items", "--format",
                "csv",
            ])
        #expect(foreign.status == 2)
        #expect(
            foreign.stderr.contains("thuộc kế hoạch «kon-tum-2020», không phải «bac-ninh-2020»"), "\(foreign.stderr)")
        #expect(foreign.stdout.isEmpty)
        let missing = try Binary.run(
            [
                "export", "--round", rounds.march, "--compare", rounds.scratch.sub("none"), "--what", "items",
                "--format", "csv",
            ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--compare"), "\(missing.stderr)")
    }

    @Test("status, the memo and the manifest name the period; the deadline shown is the period's")
    func papers() throws {
        let rounds = try TwoPeriods("papers")
        let status = try Binary.run(
            ["status", "--round", rounds.march, "--format", "json"],
            environment: Program.clock("2020-03-25T09:00:00+07:00"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["period"] as? String == "2020-03")
        #expect(json["deadline"] as? String == "2020-03-20T23:59:59+07:00")
        #expect(json["open"] as? Bool == false)
        let text = try Binary.run(
            ["--lang", "vi", "status", "--round", rounds.february],
            environment: Program.clock("2020-02-10T09:00:00+07:00"))
        #expect(text.stdout.contains("Kỳ: tháng 02/2020 (2020-02)"), "\(text.stdout)")
        #expect(text.stdout.contains("Hạn: 23:59:59 ngày 20/02/2020"), "\(text.stdout)")
        let out = rounds.scratch.sub("goi")
        let package = try Binary.run(
            ["package", "--round", rounds.march, "--out", out], environment: Program.clock("2020-03-25T09:00:00+07:00"))
        #expect(package.status == 0, "\(package.stderr)")
        let memo = try String(contentsOfFile: out + "/to-trinh.html", encoding: .utf8)
        #expect(memo.contains("Về việc đề nghị thẩm định dự toán kinh phí tháng 03/2020 thực hiện kế hoạch"))
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"period\": \"2020-03\""), "\(manifest.prefix(400))")
        #expect(manifest.contains("\"deadline\": \"2020-03-20T23:59:59+07:00\""))
        let intake = try String(contentsOfFile: out + "/bao-cao-tiep-nhan.html", encoding: .utf8)
        #expect(intake.contains("(kỳ tháng 03/2020)"))
        let slips = rounds.scratch.sub("phieu-ma.html")
        let access = try Binary.run(
            ["access", "--round", rounds.march, "--all", "--slips", slips, "--url", "https://dutoan.example"],
            environment: Program.clock("2020-03-03T09:00:00+07:00"))
        #expect(access.status == 0, "\(access.stderr)")
        let slipText = try String(contentsOfFile: slips, encoding: .utf8)
        #expect(slipText.contains("Hạn gửi: <strong>23:59:59 ngày 20/03/2020 (kỳ tháng 03/2020)</strong>"))
    }

    @Test(
        "init refuses a recurring plan without --period, --period on a one-deadline plan, and a malformed period",
        arguments: [
            (["--plan", "bac-ninh-2020"], "--period YEAR-MONTH is needed, for example --period 2020-02"),
            (["--plan", "bac-ninh-2020", "--period", "2020-2"], "--period \"2020-2\" is invalid"),
            (["--plan", "bac-ninh-2020", "--period", "02/2020"], "--period \"02/2020\" is invalid"),
            (["--plan", "bac-ninh-2020", "--period", "2020-13"], "--period \"2020-13\" is invalid"),
            (["--plan", "bac-ninh-2020", "--period", "2019-12"], "its periods start at 2020-01"),
            (["--plan", "kon-tum-2020", "--period", "2020-02"], "has one deadline"),
        ])
    func initRefusals(arguments: [String], message: String) throws {
        let scratch = Scratch("periods-init")
        let directory = scratch.sub("dot")
        let result = try Binary.run(
            ["init", directory] + arguments, environment: Program.clock("2020-02-10T09:00:00+07:00"))
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory), "nothing is created")
        let vietnamese = try Binary.run(
            ["--lang", "vi", "init", directory] + arguments, environment: Program.clock("2020-02-10T09:00:00+07:00"))
        #expect(vietnamese.status == 2)
        #expect(vietnamese.stderr.contains("lỗi:"), "\(vietnamese.stderr)")
    }
}
