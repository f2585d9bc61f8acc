import BudgetCommandLine
import BudgetCore
import BudgetEngine

/// Turns the shared reading options (`--agency`, `--encoding`, `--max-…`) into
/// ``ReadOptions``, with usage errors that name the option.
enum ReadOptionsParsing {
    static func parse(_ arguments: ParsedArguments) throws(EngineError) -> ReadOptions {
        var options = ReadOptions()
        options.agency = arguments.value("agency")
        options.encoding = arguments.value("encoding")
        if let v = arguments.value("max-file-size") { options.limits.maxFileBytes = try size(v, "max-file-size") }
        if let v = arguments.value("max-field-size") { options.limits.maxFieldBytes = try size(v, "max-field-size") }
        if let v = arguments.value("max-columns") { options.limits.maxColumns = try size(v, "max-columns") }
        if let v = arguments.value("max-rows") { options.limits.maxRows = try size(v, "max-rows") }
        return options
    }

    /// A positive count, optionally with a binary suffix: `65536`, `64K`, `64KiB`, `200M`, `1G`.
    static func size(_ text: String, _ option: String) throws(EngineError) -> Int {
        var digits = Substring(text)
        var factor = 1
        for (suffix, f) in [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30),
            ("k", 1 << 10),
        ]
        where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            factor = f
            break
        }
        guard let value = Int(digits), value > 0, value <= Int.max / factor, digits.allSatisfy(\.isASCII) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "giá trị «\(text)» của --\(option) không hợp lệ: cần một số nguyên dương (có thể kèm K, M, G)",
                    en:
                        "invalid value \"\(text)\" for --\(option): expected a positive whole number (optionally with K, M, G)"
                ))
        }
        return value * factor
    }
}
