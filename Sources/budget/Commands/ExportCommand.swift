import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget export --round DIR --what T --format F [--compare OTHER-ROUND] [-o FILE]`: one
/// summary sheet, or one comparison of two rounds of the same plan.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export",
        abstract: Localized(vi: "Xuất một bảng tổng hợp.", en: "Export one summary sheet."),
        options: [
            CommonOptions.round,
            OptionSpec(
                "what", .value("TABLE"),
                help: Localized(
                    vi: "Bảng: theo đơn vị, theo nội dung, ma trận, chi tiết.",
                    en: "Table: by agency, by item, matrix, lines."), choices: ["agencies", "items", "matrix", "lines"]),
            OptionSpec(
                "format", .value("FORMAT"), help: Localized(vi: "Định dạng.", en: "Format."),
                choices: ["csv", "xlsx", "html", "json", "md"]),
            OptionSpec(
                "separator", .value("SEP"),
                help: Localized(
                    vi: "Dấu phân cách CSV: «,» (mặc định) hoặc «;» cho Excel tiếng Việt.",
                    en: "CSV separator: \",\" (default) or \";\" for a Vietnamese-locale Excel."),
                choices: [",", ";", "tab"]),
            OptionSpec(
                "compare", .value("OTHER-ROUND"),
                help: Localized(
                    vi:
                        "So sánh với một đợt khác của cùng kế hoạch (kỳ trước): kinh phí hai đợt và mức tăng, giảm; chỉ với --what agencies|items.",
                    en:
                        "Compare with another round of the same plan (an earlier period): both rounds' figures and the change; --what agencies|items only."
                )),
            OptionSpec(
                "out", short: "o", .value("FILE"),
                help: Localized(
                    vi: "Tệp ghi ra (mặc định: in ra màn hình).", en: "Output file (default: standard output).")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> ExitStatus {
        guard let what = arguments.value("what").flatMap(ReportTable.Kind.init(rawValue:)) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "cần --what agencies|items|matrix|lines", en: "--what agencies|items|matrix|lines is required"))
        }
        guard let format = arguments.value("format").flatMap(ExportFormat.init(rawValue:)) else {
            throw EngineError(
                .usage,
                Localized(vi: "cần --format csv|xlsx|html|json|md", en: "--format csv|xlsx|html|json|md is required"))
        }
        let separator: ExportSeparator =
            switch arguments.value("separator") {
            case ";": .semicolon
            case "tab": .tab
            default: .comma
            }
        let output = OutputTarget(arguments.value("out"))
        if output == .standardOutput && format == .xlsx && context.terminal.stdoutIsTTY {
            throw EngineError(.usage, Localized(vi: "XLSX cần -o TỆP", en: "XLSX needs -o FILE"))
        }
        try Export().run(
            ExportRequest(
                what: what, format: format, separator: separator, output: output,
                compare: arguments.value("compare")),
            roundDirectory: arguments.value("round") ?? ".", clock: try context.clock(),
            standardOutput: { context.terminal.write($0) })
        return .done
    }
}
