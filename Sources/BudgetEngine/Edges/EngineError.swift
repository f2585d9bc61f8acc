import BudgetCore

/// A failure of the environment or of the command's arguments — not a finding about the
/// user's data. Thrown, and mapped to an exit code once, at the command line's edge.
public struct EngineError: Error, Sendable {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// A wrong argument, a missing input file, a bad plan: exit 2.
        case usage
        /// The round's store (or its plan) could not be read or written, or an output
        /// could not be written because the environment failed (disk full, I/O): exit 4.
        case environment
    }

    public var kind: Kind
    public var message: Localized
    /// Extra lines (a plan's problems, an SQLite message), printed after the message.
    public var details: [Localized]

    public init(_ kind: Kind, _ message: Localized, details: [Localized] = []) {
        self.kind = kind
        self.message = message
        self.details = details
    }

    /// The process exit code of the contract.
    public var exitCode: Int32 {
        switch kind {
        case .usage: 2
        case .environment: 4
        }
    }
}
