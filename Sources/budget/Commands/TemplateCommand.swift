import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// `budget template --plan PLAN.json --agency CODE [-o FILE]`.
enum TemplateCommand: Command {
    static let spec = CommandSpec(
        name: "template",
        abstract: Localized(
            vi: "Ghi mẫu dự toán CSV của một đơn vị (các nội dung được giao đã điền sẵn).",
            en: "Write an agency's CSV estimate template (its assigned items filled in)."),
        options: [
            CommonOptions.plan,
            OptionSpec("agency", .value("CODE"), help: Localized(vi: "Mã đơn vị.", en: "The agency's code.")),
            OptionSpec(
                "out", short: "o", .value("FILE"),
                help: Localized(
                    vi: "Tệp ghi ra (mặc định: in ra màn hình).", en: "Output file (default: standard output).")),
        ])

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws(EngineError) -> Int32 {
        guard let planPath = arguments.value("plan") else {
            throw EngineError(.usage, Localized(vi: "cần --plan PLAN.json", en: "--plan PLAN.json is required"))
        }
        guard let agency = arguments.value("agency") else {
            throw EngineError(.usage, Localized(vi: "cần --agency MÃ", en: "--agency CODE is required"))
        }
        let plan = try LoadPlan().run(path: planPath)
        let bytes = try MakeTemplate().run(plan: plan, agency: agency)
        if let out = arguments.value("out"), out != "-" {
            try LocalFileSystem().writeAtomically(bytes, to: out)
            context.warn(context.text(Localized(vi: "Đã ghi mẫu vào \(out).", en: "Template written to \(out).")))
        } else {
            context.terminal.write(bytes)
        }
        return 0
    }
}
