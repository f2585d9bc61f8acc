import BudgetCore

/// One option of a command, as static data that drives both scanning and `--help`.
public struct OptionSpec: Sendable, Hashable {
    /// What the option takes.
    public enum Kind: Sendable, Hashable {
        /// A switch: present or not.
        case flag
        /// One value, named in help (`--round DIR`); given once.
        case value(String)
        /// A value that may be given several times.
        case repeated(String)
    }

    /// The long name without dashes: `round` for `--round`.
    public let name: String
    /// A one-letter alias: `o` for `-o`.
    public let short: Character?
    public let kind: Kind
    public let help: Localized
    /// The values the option accepts, if it is a choice (`text`, `json`).
    public let choices: [String]

    public init(_ name: String, short: Character? = nil, _ kind: Kind, help: Localized, choices: [String] = []) {
        self.name = name
        self.short = short
        self.kind = kind
        self.help = help
        self.choices = choices
    }

    var valueName: String? {
        switch kind {
        case .flag: nil
        case let .value(v), let .repeated(v): v
        }
    }
}

/// A positional argument.
public struct PositionalSpec: Sendable, Hashable {
    public let name: String
    public let help: Localized
    /// Whether it may be absent.
    public let optional: Bool
    /// Whether it takes all remaining arguments (`FILE...`).
    public let repeating: Bool

    public init(_ name: String, help: Localized, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
        self.repeating = repeating
    }
}

/// A command's name, abstract, options and positionals.
public struct CommandSpec: Sendable {
    public let name: String
    public let abstract: Localized
    /// Longer help shown under the usage line, optional.
    public let discussion: Localized?
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]

    public init(
        name: String, abstract: Localized, discussion: Localized? = nil, options: [OptionSpec],
        positionals: [PositionalSpec] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
    }

    func option(long: String) -> OptionSpec? { options.first { $0.name == long } }
    func option(short: Character) -> OptionSpec? { options.first { $0.short == short } }
}
