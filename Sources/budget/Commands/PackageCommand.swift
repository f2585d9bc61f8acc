import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget package --round DIR --out DIR`: the package for the Department of Finance.
enum PackageCommand: Command {
    /// How many missing agencies the warning names before "and N more".
    static let missingNamed = 10

    static let spec = CommandSpec(
        name: "package",
        abstract: Localized(
            vi:
                "Lập gói hồ sơ gửi Sở Tài chính: tờ trình, bảng tổng hợp (XLSX, CSV), báo cáo tiếp nhận, bản gốc, manifest.",
            en:
                "Write the package for the Department of Finance: cover memo, summary tables (XLSX, CSV), intake report, originals, manifest."
        ),
        options: [
            CommonOptions.round,
            OptionSpec(
                "out", .value("DIR"),
                help: Localized(vi: "Thư mục ghi gói hồ sơ.", en: "The folder to write the package to.")),
            OptionSpec(
                "zip", .flag,
                help: Localized(
                    vi: "Ghi thêm DIR.zip chứa toàn bộ gói.", en: "Also write DIR.zip holding the whole package.")),
            OptionSpec(
                "force", .flag,
                help: Localized(
                    vi: "Thay thư mục DIR nếu nó chứa một gói hồ sơ đã lập (không bao giờ thay thư mục khác).",
                    en: "Replace DIR if it holds an earlier package (never any other folder).")),
            OptionSpec(
                "number", .value("TEXT"),
                help: Localized(
                    vi: "Số, ký hiệu tờ trình (ví dụ 45/TTr-STTTT).",
                    en: "The memo's number and symbol (for example 45/TTr-STTTT).")),
            OptionSpec(
                "signer", .value("TEXT"),
                help: Localized(vi: "Họ tên người ký tờ trình.", en: "The name of the memo's signer.")),
            OptionSpec(
                "signer-title", .value("TEXT"),
                help: Localized(
                    vi: "Chức vụ người ký (mặc định theo cơ quan, ví dụ GIÁM ĐỐC).",
                    en: "The signer's title (default from the body, for example GIÁM ĐỐC).")),
            OptionSpec(
                "layouts", .value("DIR"),
                help: Localized(
                    vi: "Thư mục chứa bản sửa của mẫu trình bày (to-trinh.html, bao-cao-tiep-nhan.html).",
                    en: "A folder with edited layouts (to-trinh.html, bao-cao-tiep-nhan.html).")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        guard let out = arguments.value("out") else {
            throw EngineError(.usage, Localized(vi: "cần --out DIR", en: "--out DIR is required"))
        }
        let request = PackageRequest(
            out: out, zip: arguments.has("zip"), force: arguments.has("force"),
            memo: MemoOptions(
                number: arguments.value("number"), signer: arguments.value("signer"),
                signerTitle: arguments.value("signer-title")),
            layouts: arguments.value("layouts"))
        let progress = ProgressLine(terminal: context.terminal, language: context.language)
        let result = try BuildPackage().run(
            request, roundDirectory: arguments.value("round") ?? ".", clock: try context.clock(),
            progress: progress.update)
        progress.end()
        report(result, context)
        return .done
    }

    static func report(_ result: PackageResult, _ context: CommandContext) {
        let vi = context.language == .vi
        let c = result.consolidation
        context.say(vi ? "Đã lập gói hồ sơ: \(result.directory)" : "Package written: \(result.directory)")
        if let zip = result.zipPath { context.say(vi ? "Tệp nén: \(zip)" : "ZIP: \(zip)") }
        for file in result.files where file.role != "source" {
            context.say("  \(file.path)  \(file.bytes) B  sha256:\(file.sha256.prefix(16))…")
        }
        let sources = result.files.filter { $0.role == "source" }.count
        context.say(vi ? "  nguon/  \(sources) tệp gốc" : "  nguon/  \(sources) original files")
        context.say(
            (vi ? "Tổng cộng: " : "Grand total: ") + "\(c.grandTotal.grouped()) đồng"
                + (vi
                    ? " (\(c.countedAgencies)/\(c.agencies.count) đơn vị, \(result.lineCount) dòng)"
                    : " (\(c.countedAgencies)/\(c.agencies.count) agencies, \(result.lineCount) lines)"))
        context.say((vi ? "Bằng chữ: " : "In words: ") + c.grandTotalInWords)
        if !c.missing.isEmpty {
            // A district's round may miss hundreds of agencies: the terminal names the first
            // few; the memo and `status` list them all.
            let named = c.missing.prefix(Self.missingNamed).map { "\($0.agency.code) (\($0.agency.name))" }
            let more = c.missing.count - named.count
            context.warn(
                (vi ? "Cảnh báo: chưa có dự toán của " : "Warning: no estimate from ")
                    + named.joined(separator: ", ")
                    + (more == 0
                        ? ""
                        : vi ? " và \(more) đơn vị khác (xem budget status)" : " and \(more) more (see budget status)")
                    + (vi ? " — tờ trình có ghi rõ." : " — the memo says so."))
        }
        if result.clockKind == .simulated {
            context.warn(
                vi
                    ? "Cảnh báo: lập bằng đồng hồ mô phỏng (BUDGET_NOW); trang đầu tờ trình ghi rõ là bản thử."
                    : "Warning: built under a simulated clock (BUDGET_NOW); the memo's first page says it is a trial.")
        }
        if result.detailSheets > 1 {
            context.warn(
                vi
                    ? "Bảng chi tiết vượt giới hạn dòng của Excel: chia thành \(result.detailSheets) trang tính; đủ trong chi-tiet.csv."
                    : "The lines exceed Excel's row limit: split into \(result.detailSheets) sheets; all of them are in chi-tiet.csv."
            )
        }
        for finding in c.findings {
            for line in FindingText.lines(finding, context.language, terminal: context.terminal) { context.warn(line) }
        }
    }
}
