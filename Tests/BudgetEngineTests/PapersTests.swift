import BudgetCore
import BudgetFormats
import BudgetRules
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetEngine

/// What leaves the tool on paper and in Excel: print settings of the workbook's sheets,
/// the memo's heading for state and Party bodies, one glossary and one quotation style,
/// the transposed matrix of a plan wider than a worksheet, no formula in any report.
@Suite("Printed papers")
struct PapersTests {
    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The demo story's round and its package in `dir/p`.
    func storyPackage(_ dir: TemporaryDirectory) throws -> (round: String, package: String) {
        let round = try PackageTests().storyRound(dir)
        _ = try BuildPackage().run(
            PackageRequest(out: dir.sub("p"), memo: MemoOptions(number: "45/TTr-STTTT")), roundDirectory: round,
            clock: at(DemoStory.packaged))
        return (round, dir.sub("p"))
    }

    /// The visible text of an HTML page: tags out, entities of the writers decoded.
    static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<style>[\\s\\S]*?</style>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    @Test("every sheet of tong-hop.xlsx prints: title block, header repeated, A4 fit or blocks, dates as dates")
    func workbookPrints() throws {
        let dir = TemporaryDirectory()
        let (_, package) = try storyPackage(dir)
        let zip = try ZipReader(try bytes(package + "/tong-hop.xlsx"))
        let workbook = try #require(zip.text("xl/workbook.xml"))
        for (index, name) in ["Theo đơn vị", "Theo nội dung", "Ma trận", "Chi tiết"].enumerated() {
            #expect(workbook.contains("<sheet name=\"\(name)\" sheetId=\"\(index + 1)\""))
            let titles = name == "Ma trận" ? "'Ma trận'!$A:$B,'Ma trận'!$5:$5" : "'\(name)'!$5:$5"
            #expect(
                workbook.contains(
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(index)\">\(titles)</definedName>"),
                "\(name)")
            let sheet = try #require(zip.text("xl/worksheets/sheet\(index + 1).xml"))
            #expect(sheet.contains("<pageSetup paperSize=\"9\""), "\(name)")
            #expect(sheet.contains("orientation=\"landscape\""), "\(name)")
            #expect(sheet.contains("Kế hoạch triển khai thực hiện Kế hoạch số 116-KH/TU"), "\(name): the plan")
            #expect(sheet.contains("Sở Thông tin và Truyền thông lập lúc 15:00 ngày 12/03/2020"), "\(name): when made")
            #expect(sheet.contains("(bản thử, đồng hồ mô phỏng)"), "\(name): simulated clock said")
            if name == "Ma trận" {
                // 20 items and the total: 21 columns after the agency, in 3 blocks of 7.
                #expect(sheet.contains("<pageSetup paperSize=\"9\" scale=\""))
                #expect(sheet.contains("<colBreaks count=\"2\" manualBreakCount=\"2\"><brk id=\"9\""))
                #expect(!sheet.contains("fitToPage"))
            } else {
                #expect(sheet.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"), "\(name)")
                #expect(sheet.contains("fitToWidth=\"1\" fitToHeight=\"0\""), "\(name)")
            }
            #expect(sheet.contains("<row r=\"5\""), "\(name): the header in row 5")
            #expect(sheet.contains("state=\"frozen\""), "\(name)")
        }
        let agencies = try #require(zip.text("xl/worksheets/sheet1.xml"))
        #expect(agencies.contains("TỔNG HỢP DỰ TOÁN KINH PHÍ THEO ĐƠN VỊ"))
        // "Thời điểm nhận" of SVHTTDL: 06/03/2020 14:30 (serial 43896 + 14.5/24), date style 6.
        #expect(agencies.contains("<c s=\"6\"><v>43896.6041666667</v></c>"))
        #expect(!agencies.contains("2020-03-06T14:30:00+07:00"), "no ISO text in the workbook")
        let styles = try #require(zip.text("xl/styles.xml"))
        #expect(styles.contains("formatCode=\"dd/mm/yyyy hh:mm:ss\""))
        // The CSV keeps ISO 8601, byte for byte as before.
        let csv = String(decoding: try bytes(package + "/theo-don-vi.csv"), as: UTF8.self)
        #expect(csv.contains(",2020-03-06T14:30:00+07:00,"))
    }

    @Test("no report workbook holds a formula: the package's and every export's")
    func noFormulas() throws {
        let dir = TemporaryDirectory()
        let (round, package) = try storyPackage(dir)
        var workbooks = [try bytes(package + "/tong-hop.xlsx")]
        for kind in ReportTable.Kind.allCases {
            var sink: [UInt8] = []
            try Export().run(
                ExportRequest(what: kind, format: .xlsx), roundDirectory: round, clock: at(DemoStory.packaged),
                standardOutput: { sink += $0 })
            workbooks.append(sink)
        }
        for (index, workbook) in workbooks.enumerated() {
            let zip = try ZipReader(workbook)
            #expect(zip.entries.count >= 7)
            for entry in zip.entries {
                let text = String(decoding: entry.data, as: UTF8.self)
                #expect(!text.contains("<f>") && !text.contains("<f "), "workbook \(index): \(entry.name)")
            }
        }
    }

    @Test("the state memo carries the national motto; a Party body's the Party heading, star and number style")
    func headings() throws {
        let dir = TemporaryDirectory()
        let (_, package) = try storyPackage(dir)
        let state = String(decoding: try bytes(package + "/to-trinh.html"), as: UTF8.self)
        #expect(state.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(state.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(!state.contains("ĐẢNG CỘNG SẢN VIỆT NAM"))
        #expect(state.contains("<div class=\"chu-quan\">ỦY BAN NHÂN DÂN TỈNH KON TUM</div>"))
        #expect(state.contains("Số: 45/TTr-STTTT"))
        #expect(state.contains("- Lưu: VT."))

        let round = dir.sub("bac-ninh")
        _ = try InitRound().run(
            directory: round, planPath: "bac-ninh-2020", period: "2020-01", clock: at("2020-01-02T08:00:00"))
        for number in [nil, "12-TTr/BTGDUK"] {
            let out = dir.sub("bn-\(number == nil ? "blank" : "numbered")")
            _ = try BuildPackage().run(
                PackageRequest(out: out, memo: MemoOptions(number: number)), roundDirectory: round,
                clock: at("2020-01-20T16:00:00"))
            let party = String(decoding: try bytes(out + "/to-trinh.html"), as: UTF8.self)
            #expect(party.contains("<div class=\"tieu-de-dang\">ĐẢNG CỘNG SẢN VIỆT NAM</div>"))
            #expect(!party.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            #expect(!party.contains("Độc lập - Tự do - Hạnh phúc"))
            // The superior is the committee itself, not its standing committee.
            #expect(
                party.contains(
                    "<div class=\"dang-cap-tren\">ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH BẮC NINH</div>"))
            #expect(party.contains("<div class=\"dang-co-quan\">BAN TUYÊN GIÁO ĐẢNG ỦY KHỐI</div>"))
            #expect(party.contains("<div class=\"dang-sao\">*</div>"))
            #expect(party.contains("<div class=\"dia-danh\">Bắc Ninh, ngày 20 tháng 01 năm 2020</div>"))
            if number == nil {
                #expect(
                    party.contains(
                        "Số\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}-TTr/BTGDUK")
                )
            } else {
                #expect(party.contains("<div class=\"so-ky-hieu\">Số 12-TTr/BTGDUK</div>"))
            }
            #expect(!party.contains("Số:"), "a Party number has no colon")
            #expect(party.contains("- Lưu Ban Tuyên giáo Đảng ủy Khối."))
        }
        let plan = try LoadPlan().run(path: "phu-yen-2021")
        #expect(plan.authority == .party)
        #expect(PackageDocuments.superiorBody(plan) == "TỈNH ỦY PHÚ YÊN")
        #expect(
            PackageDocuments.superiorBody(try LoadPlan().run(path: "dak-lak-2020")) == "BAN TUYÊN GIÁO TỈNH ỦY ĐẮK LẮK")
        #expect(
            PackageDocuments.superiorBody(try LoadPlan().run(path: "kon-tum-2020")) == "ỦY BAN NHÂN DÂN TỈNH KON TUM")
    }

    @Test("the papers say states and decisions in the glossary's words, quote with “…”, leave no space inside brackets")
    func wording() throws {
        let dir = TemporaryDirectory()
        let (_, package) = try storyPackage(dir)
        let memo = Self.visibleText(String(decoding: try bytes(package + "/to-trinh.html"), as: UTF8.self))
        let report = Self.visibleText(String(decoding: try bytes(package + "/bao-cao-tiep-nhan.html"), as: UTF8.self))
        let agencies = String(decoding: try bytes(package + "/theo-don-vi.csv"), as: UTF8.self)
        for state in [AgencyState.missing, .accepted, .acceptedLate, .refusedLate] {
            let word = Labels.capitalized(Labels.state(state, .vi))
            #expect(agencies.contains("," + word + ","), "\(state) in the table")
            if state != .accepted { #expect(memo.contains(word), "\(state) in the memo") }
        }
        for decision in [Decision.accepted, .acceptedLate, .returned, .refusedLate] {
            #expect(report.contains(Labels.capitalized(Labels.decision(decision, .vi))), "\(decision)")
        }
        for text in [memo, report] {
            #expect(!text.contains("«") && !text.contains("»"))
            #expect(text.range(of: "\\s\\)", options: .regularExpression) == nil)
            #expect(text.range(of: "\\(\\s", options: .regularExpression) == nil)
            #expect(!text.contains("…"), "nothing cut short")
        }
        // Findings quote the file's values with “…” in the report, «…» in the catalogue.
        #expect(report.contains("“IV.I.c”"))
        #expect(PackageDocuments.documentQuotes("Mã «IV.I.c» sai") == "Mã “IV.I.c” sai")
        // Every agency's whole name is in the chart, never cut.
        let chart = String(decoding: try bytes(package + "/to-trinh.html"), as: UTF8.self)
        #expect(chart.contains(">Sở Văn hóa, Thể thao và Du lịch</tspan>"))
        #expect(chart.contains(">Đài Phát thanh - Truyền hình tỉnh</tspan>"))
    }
}

/// A plan with more items than a worksheet has columns still packages, its matrix turned.
@Suite("A plan wider than a worksheet")
struct WideMatrixTests {
    /// A plan of `items` items open to anyone, two agencies, and one submission of three
    /// lines from the first; returns the round.
    static func round(items: Int, in dir: TemporaryDirectory) throws -> String {
        let list = (1...items).map { "{\"code\": \"N.\($0)\", \"title\": \"Nội dung số \($0)\"}" }
        let plan = """
            {"format": "budget-plan/1", "id": "rong", "title": "Kế hoạch rất nhiều nội dung", "issuer": "Ủy ban nhân dân tỉnh Kon Tum",
             "place": "Kon Tum", "consolidator": {"code": "STTTT", "name": "Sở Thông tin và Truyền thông"},
             "recipient": {"code": "STC", "name": "Sở Tài chính"}, "currency": "VND", "timeZone": "Asia/Ho_Chi_Minh",
             "deadline": "2020-03-10", "agencies": [{"code": "BAOKT", "name": "Báo Kon Tum"}, {"code": "CAT", "name": "Công an tỉnh"}],
             "items": [\(list.joined(separator: ","))]}
            """
        try Data(plan.utf8).write(to: URL(fileURLWithPath: dir.sub("rong.json")))
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: dir.sub("rong.json"), clock: at("2020-03-01T08:00:00"))
        let csv = """
            Mã đơn vị,BAOKT
            STT,Mã nội dung,Nội dung,Thành tiền
            1,N.1,Một,1000000
            2,N.\(items),Cuối,2000000
            3,N.\(items / 2),Giữa,3000000

            """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir.sub("baokt.csv")))
        let result = try Submit().record(
            SubmitRequest(path: dir.sub("baokt.csv")), roundDirectory: round, clock: at("2020-03-05T09:00:00"))
        #expect(result.receipt.decision == .accepted, "\(result.check.findings)")
        return round
    }

    @Test("16 382 items: the package is made, its matrix transposed, and the memo says so")
    func transposed() throws {
        let dir = TemporaryDirectory()
        let items = XLSXOptions.excelMaxColumns - 2
        let round = try Self.round(items: items, in: dir)
        let result = try BuildPackage().run(
            PackageRequest(out: dir.sub("p")), roundDirectory: round, clock: at("2020-03-12T09:00:00"))
        #expect(result.consolidation.grandTotal == Money(dong: 6_000_000))
        let memo = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: dir.sub("p/to-trinh.html"))), as: UTF8.self)
        #expect(memo.contains("Kế hoạch có 16.382 nội dung, nhiều hơn số cột một trang tính Excel chứa được (16.384)"))
        #expect(memo.contains("mỗi dòng là một nội dung, mỗi cột là một đơn vị"))
        let zip = try ZipReader([UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.sub("p/tong-hop.xlsx")))))
        let matrix = try #require(zip.text("xl/worksheets/sheet3.xml"))
        #expect(matrix.contains("TỔNG HỢP DỰ TOÁN KINH PHÍ THEO NỘI DUNG VÀ ĐƠN VỊ"))
        #expect(matrix.contains("<col min=\"5\" max=\"5\""), "code, title, two agencies, total")
        #expect(!matrix.contains("<col min=\"6\""))
        #expect(matrix.contains("<row r=\"\(5 + items + 1)\""), "an item per row, then the total")
        #expect(matrix.contains("<t>Nội dung số \(items)</t>"))
        // Exports on paper are transposed too; CSV keeps the wide layout for programs.
        var html: [UInt8] = []
        try Export().run(
            ExportRequest(what: .matrix, format: .html), roundDirectory: round, clock: at("2020-03-12T09:00:00"),
            standardOutput: { html += $0 })
        #expect(String(decoding: html, as: UTF8.self).contains("<th>Mã nội dung</th><th>Nội dung</th><th>BAOKT</th>"))
        var csv: [UInt8] = []
        try Export().run(
            ExportRequest(what: .matrix, format: .csv), roundDirectory: round, clock: at("2020-03-12T09:00:00"),
            standardOutput: { csv += $0 })
        #expect(String(decoding: csv.prefix(40), as: UTF8.self).hasPrefix("\u{FEFF}Mã đơn vị,Đơn vị,N.1,N.2,"))
    }

    @Test("16 381 items still fit a worksheet: the matrix stays one agency per row")
    func fits() throws {
        let dir = TemporaryDirectory()
        let c = try Self.round(items: XLSXOptions.excelMaxColumns - 3, in: dir)
        let round = try OpenRound.run(c)
        #expect(!ReportTables.matrixIsTransposed(try round.consolidation()))
    }
}
