import BudgetCore

/// A mistake in the command line (exit 2), located by the argument's position.
public struct UsageError: Error, Sendable, Equatable {
    /// The 0-based index of the offending argument among the command's arguments, if any.
    public let argumentIndex: Int?
    public let message: Localized

    public init(argumentIndex: Int?, message: Localized) {
        self.argumentIndex = argumentIndex
        self.message = message
    }
}

/// What the scanner found: option values by long name, and the positionals in order.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []
    /// Whether `--help` or `-h` was given.
    public var wantsHelp = false

    public init() {}

    /// The value of a single-valued option.
    public func value(_ name: String) -> String? { values[name]?.last }
    /// All values of a repeated option.
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether a flag was given.
    public func has(_ name: String) -> Bool { flags.contains(name) }
}

/// Scans arguments against a ``CommandSpec``: `--name value`, `--name=value`, `-o value`,
/// `--` to end options. Every mistake is a ``UsageError`` naming the argument and, where
/// it helps, the option that was probably meant.
public enum ArgumentScanner {
    public static func scan(_ arguments: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                index += 1
                continue
            }
            if argument == "--" {
                optionsEnded = true
                index += 1
                continue
            }
            if argument == "--help" || argument == "-h" {
                parsed.wantsHelp = true
                index += 1
                continue
            }
            var name: String
            var inlineValue: String? = nil
            let option: OptionSpec
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
                guard let found = spec.option(long: name) else {
                    throw unknownOption(argument, index: index, spec: spec)
                }
                option = found
            } else {
                let letters = Array(argument.dropFirst())
                guard letters.count == 1, let found = spec.option(short: letters[0]) else {
                    throw unknownOption(argument, index: index, spec: spec)
                }
                option = found
                name = found.name
            }
            switch option.kind {
            case .flag:
                if inlineValue != nil {
                    throw UsageError(
                        argumentIndex: index,
                        message: Localized(
                            vi: "tùy chọn --\(name) không nhận giá trị", en: "option --\(name) takes no value"))
                }
                parsed.flags.insert(option.name)
            case let .value(valueName), let .repeated(valueName):
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index + 1 < arguments.count else {
                        throw UsageError(
                            argumentIndex: index,
                            message: Localized(
                                vi: "tùy chọn --\(name) cần giá trị \(valueName)",
                                en: "option --\(name) needs a value (\(valueName))"))
                    }
                    index += 1
                    value = arguments[index]
                }
                if !option.choices.isEmpty && !option.choices.contains(value) {
                    let list = option.choices.joined(separator: ", ")
                    throw UsageError(
                        argumentIndex: index,
                        message: Localized(
                            vi: "giá trị «\(value)» của --\(name) không hợp lệ; chọn một trong: \(list)",
                            en: "invalid value \"\(value)\" for --\(name); choose one of: \(list)"))
                }
                if case .value = option.kind, parsed.values[option.name] != nil {
                    throw UsageError(
                        argumentIndex: index,
                        message: Localized(
                            vi: "tùy chọn --\(name) chỉ được dùng một lần",
                            en: "option --\(name) may be given only once"))
                }
                parsed.values[option.name, default: []].append(value)
            }
            index += 1
        }
        if !parsed.wantsHelp { try checkPositionals(parsed.positionals, spec: spec) }
        return parsed
    }

    static func unknownOption(_ argument: String, index: Int, spec: CommandSpec) -> UsageError {
        let bare = argument.drop { $0 == "-" }.split(separator: "=").first.map(String.init) ?? ""
        let names = spec.options.map(\.name) + ["help"]
        if let near = Suggest.nearest(bare, in: names) {
            return UsageError(
                argumentIndex: index,
                message: Localized(
                    vi: "tùy chọn không tồn tại «\(argument)»; có phải --\(near)?",
                    en: "unknown option \"\(argument)\"; did you mean --\(near)?"))
        }
        return UsageError(
            argumentIndex: index,
            message: Localized(
                vi: "tùy chọn không tồn tại «\(argument)» (xem budget \(spec.name) --help)",
                en: "unknown option \"\(argument)\" (see budget \(spec.name) --help)"))
    }

    static func checkPositionals(_ given: [String], spec: CommandSpec) throws(UsageError) {
        let required = spec.positionals.filter { !$0.optional }
        if given.count < required.count {
            let missing = required[given.count].name
            throw UsageError(
                argumentIndex: nil,
                message: Localized(vi: "thiếu đối số \(missing)", en: "missing argument \(missing)"))
        }
        let repeating = spec.positionals.contains { $0.repeating }
        if !repeating && given.count > spec.positionals.count {
            let extra = given[spec.positionals.count]
            throw UsageError(
                argumentIndex: nil,
                message: Localized(vi: "đối số thừa «\(extra)»", en: "unexpected argument \"\(extra)\""))
        }
    }
}
