import BudgetCore
import BudgetRules
import BudgetStore
import Foundation

/// `budget submit FILE... --round DIR`: records received files, whatever they hold.
///
/// Order (the contract's): arguments are checked first and a usage error records nothing;
/// the round is checked once (``Round/verify(counted:pages:)`` without re-hashing: a ledger
/// that fails its checks takes no new record); then the files are read and judged on every
/// core (``FirstPass``), and recorded in argument order, each its own receipt, lateness
/// decided on the declared time (or now), then validity (``RecordSubmission``).
///
/// **Groups.** Files are recorded in groups, one write transaction per group, bounded by
/// ``CommitGrouping``: a thousand files pay a few commits (each an `fsync` of the log), not
/// a thousand. Each file is recorded under its own savepoint, so a file that fails leaves
/// the files before it in the group to be committed. No receipt is reported (`each`, the
/// outcome) before its group's commit has returned: a crash or a failure at any moment
/// leaves every reported receipt on record, and the receipts of a group that was not
/// committed were never reported — those files are simply not recorded, and the run
/// says so (``SubmitOutcome/unrecorded``). A failure of the environment stops the run.
public struct Submit: Sendable {
    public let fileSystem: LocalFileSystem
    /// How files are grouped into transactions.
    public var grouping = CommitGrouping()
    /// Failures injected by tests, as a store failure would happen.
    var faults = SubmitFaults()

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

    /// The buffer for copying a file of `size` bytes: a megabyte at most, and no more than
    /// the file needs (plus one byte, to see its end in one read).
    static func bufferSize(_ size: Int?) -> Int {
        min(1 << 20, max(4096, (size ?? 1 << 20) + 1))
    }

    /// Records every file of `request`; `each` is told of each receipt once its group is
    /// committed, and `committed` once a group's receipts have all been told (a long run
    /// shows progress, and a failure later loses nothing said).
    public func run(
        _ request: SubmitRequest, roundDirectory: String, clock setting: ClockSetting,
        each: (SubmitResult) -> Void = { _ in }, committed: () -> Void = {}
    ) throws(EngineError) -> SubmitOutcome {
        try request.validate(fileSystem: fileSystem)
        let round = try OpenRound.run(roundDirectory)
        let plan = round.plan
        let clock = setting.provider(zone: plan.timeZone)
        let declared = try Self.declaredTime(request.receivedAt, plan: plan, now: clock.now())
        try round.snapshot { try round.verify(pages: request.checksPages) }

        let paths = request.paths
        let (displayName, options, fileSystem) = (request.displayName, request.read, fileSystem)
        let workers = paths.count > 1 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 0
        let firstPass = FirstPass(paths: paths, workers: workers, lookahead: 2 * workers + 2) {
            path throws(EngineError) in
            try CheckedFile.run(
                path: path, displayName: displayName, plan: plan, options: options, fileSystem: fileSystem)
        }
        defer { firstPass.stop() }
        let recorder = RecordSubmission(
            round: round, request: request, declaredAt: declared, clock: clock, fileSystem: fileSystem)

        var outcome = SubmitOutcome(results: [], failure: nil, unrecorded: [])
        var next = 0
        var group = 0
        while next < paths.count {
            let start = next
            var recorded: [SubmitResult] = []
            var stop: EngineError? = nil
            do {
                // The group's first file is read before the write lock is taken: a one-file
                // submit (the portal's) holds the lock only while it records.
                var checked: CheckedFile? = try firstPass.take(next)
                try round.writing(fileName: checked?.fileName) { writer in
                    let ledger = try SubmitLedger(writer: writer, plan: plan)
                    let began = ContinuousClock.now
                    var bytes = 0
                    while let file = checked {
                        checked = nil
                        let fileWriter = writer.recording(fileName: file.fileName)
                        do {
                            let index = next
                            let result = try fileWriter.savepoint {
                                try faults.beforeRecording?(index)
                                return try recorder.run(file, writer: fileWriter, ledger: ledger)
                            }
                            ledger.add(result.receipt)
                            recorded.append(result)
                        } catch {
                            // Nothing of this file stays. The files before it in the group
                            // are committed, unless SQLite has already undone the whole
                            // transaction (a full disk, an I/O error): then none is.
                            if !writer.isOpen { throw error }
                            stop = EngineErrors.from(error)
                            break
                        }
                        next += 1
                        bytes += file.size
                        guard next < paths.count, grouping.admits(files: recorded.count, bytes: bytes, since: began)
                        else { break }
                        do {
                            checked = try firstPass.take(next)
                        } catch {
                            stop = EngineErrors.from(error)
                        }
                    }
                    try faults.beforeCommit?(group)
                }
            } catch {
                // The group was not committed: none of its files is recorded, and no receipt
                // of it was reported.
                next = start
                recorded = []
                stop = error
            }
            for result in recorded {
                outcome.results.append(result)
                each(result)
            }
            if !recorded.isEmpty { committed() }
            if var failure = stop {
                // Once a file is recorded, a failure is no longer "nothing was done" (a
                // usage error, exit 2): it stops a run that changed the round (exit 4), and
                // the command says what was recorded.
                if !outcome.results.isEmpty { failure.kind = .environment }
                outcome.failure = failure
                outcome.unrecorded = Array(paths[next...])
                break
            }
            group += 1
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

/// How `submit FILE...` groups files into write transactions: a group closes when it holds
/// `files` files, or `bytes` bytes of them, or has been open `seconds` (whichever first;
/// a group always takes at least one file).
///
/// Each group is one commit, one `fsync` of the log. Small groups cost syncs; large ones
/// hold the round's write lock longer (other processes, the portal, wait for it) and
/// report their receipts later. The defaults keep a group under about a second.
public struct CommitGrouping: Sendable, Equatable {
    public var files: Int
    public var bytes: Int
    public var seconds: Double

    public init(files: Int = 128, bytes: Int = 64 << 20, seconds: Double = 1) {
        self.files = max(1, files)
        self.bytes = bytes
        self.seconds = seconds
    }

    /// One file a transaction: each file its own commit, as before groups.
    public static let eachFileAlone = CommitGrouping(files: 1)

    /// Whether a group holding `files` files of `bytes` bytes, begun at `began`, takes another.
    func admits(files: Int, bytes: Int, since began: ContinuousClock.Instant) -> Bool {
        guard files < self.files, bytes < self.bytes else { return false }
        let elapsed = began.duration(to: .now)
        return elapsed < .milliseconds(Int64(seconds * 1000))
    }
}

/// Failures a test injects into `submit`, where a store failure would happen: before a
/// file is recorded (inside its group's transaction), and before a group is committed.
struct SubmitFaults: Sendable {
    var beforeRecording: (@Sendable (Int) throws -> Void)?
    var beforeCommit: (@Sendable (Int) throws -> Void)?
}
