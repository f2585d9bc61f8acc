import BudgetCore
import BudgetFormats
import BudgetStore

/// The process exit codes of the contract, each named once.
public enum ExitStatus: Int32, Sendable, Comparable, CaseIterable {
    /// Done (warnings allowed).
    case done = 0
    /// Input invalid: a finding of severity error, or a submission returned.
    case invalidInput = 1
    /// Usage error: an unknown flag, a missing file, a bad plan, a refused output path.
    case usage = 2
    /// Refused because the deadline has passed (the file is still kept on record).
    case late = 3
    /// The round's store, or the system, failed while reading or writing.
    case environment = 4

    /// Of several outcomes (several files in one `submit`), which one the process ends
    /// with: 4 over 3 over 1 over 0 (usage errors stop a command before anything is done).
    var seriousness: Int {
        switch self {
        case .done: 0
        case .invalidInput: 1
        case .late: 2
        case .usage: 3
        case .environment: 4
        }
    }

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.seriousness < rhs.seriousness }
}

extension Decision {
    /// The exit status of a `submit` that decided this: 0 counts, 1 returned, 3 refused late.
    public var exitStatus: ExitStatus {
        switch self {
        case .accepted, .acceptedLate: .done
        case .returned: .invalidInput
        case .refusedLate: .late
        }
    }
}

/// A failure of the environment or of the command's arguments — not a finding about the
/// user's data. Thrown, and mapped to an exit code once, at the command line's edge.
public struct EngineError: Error, Sendable {
    /// What kind of failure, which decides the exit code.
    public enum Kind: Sendable, Equatable {
        /// A wrong argument, a missing input file, a bad plan, a refused output: exit 2.
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

    /// The exit status of the contract.
    public var exitStatus: ExitStatus {
        switch kind {
        case .usage: .usage
        case .environment: .environment
        }
    }
}

/// Any error as an engine error, in one place: engine errors as they are, store errors by
/// their kind, the writers' and readers' system failures with their `errno` in words.
enum EngineErrors {
    static func from(_ error: any Error) -> EngineError {
        switch error {
        case let e as EngineError: return e
        case let e as StoreError: return StoreErrors.engineError(e)
        case let e as FileSinkError:
            return LocalFileSystem.failure(
                .environment, e.code, Localized(vi: "không ghi được «\(e.path)»", en: "cannot write \"\(e.path)\""))
        case let e as FileReadError:
            return LocalFileSystem.failure(
                .environment, e.code, Localized(vi: "không đọc được «\(e.path)»", en: "cannot read \"\(e.path)\""))
        default:
            return EngineError(
                .environment,
                Localized(vi: "không ghi được kết quả", en: "cannot write the output"),
                details: [Localized(vi: "chi tiết: \(error)", en: "detail: \(error)")])
        }
    }
}

/// Store errors as engine errors: the store's own bilingual message; a folder that holds
/// no round is a usage error (exit 2: the `--round` given is wrong), anything else about
/// the store exit 4.
enum StoreErrors {
    static func engineError(_ error: StoreError) -> EngineError {
        var details: [Localized] = []
        if !error.detail.isEmpty {
            details.append(Localized(vi: "chi tiết: \(error.detail)", en: "detail: \(error.detail)"))
        }
        let kind: EngineError.Kind = error.isMissingRound ? .usage : .environment
        return EngineError(kind, error.message, details: details)
    }
}
