import BudgetCore

/// The options every command takes, wherever they stand on the line: today `--lang vi|en`.
///
/// Taken out before the command's own options are scanned, so that `budget --lang vi check
/// …` and `budget check … --lang vi` mean the same; nothing after `--` is looked at.
public enum GlobalOptions {
    /// Removes `--lang VALUE` and `--lang=VALUE` from `arguments` and returns the last
    /// language given, if any.
    ///
    /// - Throws: a ``UsageError`` for a missing or unknown value.
    public static func extractLanguage(_ arguments: inout [String]) throws(UsageError) -> Language? {
        var language: Language? = nil
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            var value: String? = nil
            if argument == "--lang" {
                guard index + 1 < arguments.count else { throw invalid(index) }
                value = arguments[index + 1]
                arguments.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
                arguments.remove(at: index)
            } else {
                index += 1
                continue
            }
            guard let value, let chosen = Language(rawValue: value) else { throw invalid(index) }
            language = chosen
        }
        return language
    }

    private static func invalid(_ index: Int) -> UsageError {
        UsageError(argumentIndex: index, message: Localized(vi: "--lang: vi | en", en: "--lang: vi | en"))
    }
}
