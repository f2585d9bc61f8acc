import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// What the officer asked `submit` to do.
public struct SubmitRequest: Sendable {
    /// The files received, recorded in this order, each its own receipt.
    public var paths: [String]
    public var read: ReadOptions
    /// `--received-at`: when the files really arrived by another channel (ISO 8601).
    public var receivedAt: String?
    public var note: String?
    public var acceptLate: Bool
    public var reason: String?

    public init(
        paths: [String], read: ReadOptions = ReadOptions(), receivedAt: String? = nil, note: String? = nil,
        acceptLate: Bool = false, reason: String? = nil
    ) {
        self.paths = paths
        self.read = read
        self.receivedAt = receivedAt
        self.note = note
        self.acceptLate = acceptLate
        self.reason = reason
    }

    /// One file.
    public init(
        path: String, read: ReadOptions = ReadOptions(), receivedAt: String? = nil, note: String? = nil,
        acceptLate: Bool = false, reason: String? = nil
    ) {
        self.init(
            paths: [path], read: read, receivedAt: receivedAt, note: note, acceptLate: acceptLate, reason: reason)
    }

    /// The contract's usage errors, found before anything is read or recorded: an option
    /// that needs another, an input that is not there.
    func validate(fileSystem: LocalFileSystem) throws(EngineError) {
        if receivedAt != nil && (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--received-at cần --note: ghi rõ tệp đến bằng đường nào (thư điện tử, bản giấy…)",
                    en: "--received-at needs --note: say how the file arrived (e-mail, paper…)"))
        }
        if acceptLate && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--accept-late cần --reason: ghi lý do chấp nhận nộp muộn",
                    en: "--accept-late needs --reason: record why the late file is accepted"))
        }
        if reason != nil && !acceptLate {
            throw EngineError(
                .usage,
                Localized(vi: "--reason chỉ dùng cùng --accept-late", en: "--reason goes with --accept-late only"))
        }
        guard !paths.isEmpty else {
            throw EngineError(.usage, Localized(vi: "cần ít nhất một TỆP", en: "at least one FILE is needed"))
        }
        for path in paths {
            switch fileSystem.kind(path) {
            case .missing:
                throw EngineError(
                    .usage, Localized(vi: "không tìm thấy tệp «\(path)»", en: "file not found: \"\(path)\""))
            case .directory:
                throw EngineError(
                    .usage,
                    Localized(vi: "«\(path)» là thư mục, không phải tệp", en: "\"\(path)\" is a folder, not a file"))
            default: break
            }
            if let size = fileSystem.size(path), size > Submit.largestKept {
                throw Submit.tooLarge(path, size)
            }
        }
    }
}

/// The receipt `submit` prints for one file.
public struct SubmitResult: Sendable {
    public var receipt: StoredReceipt
    public var check: FileCheck
    public var plan: Plan
    /// Whether the receipt time was at or before the deadline.
    public var onTime: Bool
    /// The agency's counted receipt just before this one was recorded, and just after:
    /// read from the ledger in the recording transaction, so that what the receipt says
    /// about the sums is what the ledger holds.
    public var countedBefore: StoredReceipt?
    public var countedAfter: StoredReceipt?

    /// The exit status of the contract for this decision.
    public var exitStatus: ExitStatus { receipt.decision.exitStatus }

    /// The earlier receipt this one replaces in the sums, if it does.
    public var supersedes: StoredReceipt? {
        guard let before = countedBefore, countedAfter?.id == receipt.id, before.id != receipt.id else { return nil }
        return before
    }

    /// Whether the round's sums changed: what counts for the agency is now a file of other
    /// content than before (an identical resubmission that comes to count again changes them).
    public var sumsChanged: Bool { countedBefore?.sha256 != countedAfter?.sha256 }
}

/// What one `submit` command did.
public struct SubmitOutcome: Sendable {
    /// A receipt per file recorded, in argument order.
    public var results: [SubmitResult]
    /// The failure that stopped the command, if any (the files after it were not read).
    public var failure: EngineError?
    /// The files not recorded because of that failure.
    public var unrecorded: [String]

    /// The most serious outcome: 4 over 3 over 1 over 0.
    public var exitStatus: ExitStatus {
        let statuses = results.map(\.exitStatus) + (failure.map { [$0.exitStatus] } ?? [])
        return statuses.max() ?? .done
    }
}

/// `budget submit FILE... --round DIR`: records received files, whatever they hold.
///
/// Order (the contract's): arguments are checked first and a usage error records nothing;
/// the round is checked (``Round/verify(counted:)`` without re-hashing: a ledger that fails
/// its checks takes no new record); then each file in turn is read and judged, lateness
/// decided on the declared time (or now), then validity, and recorded in its own
/// transaction (``RecordSubmission``). A failure of the environment stops the run: what was
/// recorded stays recorded and is reported, the rest is named as not recorded.
public struct Submit: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// The largest file `submit` keeps: SQLite's BLOB limit is about 1 GB, and a file far
    /// over the reading limit is refused before anything is recorded (exit 2).
    public static let largestKept = 512 << 20

    static func tooLarge(_ path: String, _ size: Int) -> EngineError {
        EngineError(
            .usage,
            Localized(
                vi: "tệp «\(path)» lớn \(size) byte, quá \(largestKept) byte có thể lưu; không ghi nhận",
                en: "\"\(path)\" is \(size) bytes, over the \(largestKept) bytes that can be kept; nothing recorded"))
    }

    /// Records every file of `request`; `each` is told of each receipt as soon as it is
    /// committed (a long run shows progress, and a failure later loses nothing said).
    public func run(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting,
        each: (SubmitResult) -> Void = { _ in }
    ) throws(EngineError) -> SubmitOutcome {
        try request.validate(fileSystem: fileSystem)
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let clock = setting.provider(zone: plan.timeZone)
        let declared = try Self.declaredTime(request.receivedAt, plan: plan, now: clock.now())
        try round.snapshot { try round.verify() }
        var outcome = SubmitOutcome(results: [], failure: nil, unrecorded: [])
        for (index, path) in request.paths.enumerated() {
            do {
                let result = try RecordSubmission(
                    round: round, request: request, declaredAt: declared, clock: clock, fileSystem: fileSystem
                ).run(path: path)
                outcome.results.append(result)
                each(result)
            } catch {
                outcome.failure = error
                outcome.unrecorded = Array(request.paths[index...])
                break
            }
        }
        return outcome
    }

    /// Records the request's one file and returns its receipt; a failure is thrown.
    public func record(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting
    ) throws(EngineError) -> SubmitResult {
        let outcome = try run(request, roundDirectory: roundDirectory, clock: setting)
        if let failure = outcome.failure { throw failure }
        guard let result = outcome.results.first else {
            throw EngineError(.usage, Localized(vi: "cần một TỆP", en: "one FILE is needed"))
        }
        return result
    }

    /// `--received-at` as an instant: ISO 8601, not in the future.
    static func declaredTime(_ text: String?, plan: Plan, now: Date) throws(EngineError) -> Date? {
        guard let text else { return nil }
        guard let parsed = ISOTime.parse(text) else {
            throw EngineError(
                .usage,
                Localized(
                    vi: "--received-at «\(text)» không phải thời điểm ISO 8601 (ví dụ 2020-03-10T16:30:00+07:00)",
                    en: "--received-at \"\(text)\" is not an ISO 8601 time (for example 2020-03-10T16:30:00+07:00)"))
        }
        let instant = parsed.instant(defaultZone: plan.timeZone)
        if instant > now {
            throw EngineError(
                .usage,
                Localized(
                    vi:
                        "--received-at \(ISOTime.human(instant, in: plan.timeZone, .vi)) ở tương lai (bây giờ là \(ISOTime.human(now, in: plan.timeZone, .vi))); không ghi nhận",
                    en:
                        "--received-at \(ISOTime.human(instant, in: plan.timeZone, .en)) is in the future (now is \(ISOTime.human(now, in: plan.timeZone, .en))); nothing recorded"
                ))
        }
        return instant
    }
}
