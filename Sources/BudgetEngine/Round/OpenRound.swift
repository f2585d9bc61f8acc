import BudgetCore
import BudgetStore
import Foundation

/// An open round: its store and the plan copied into it at `init`.
public struct Round {
    public let store: RoundStore
    public let plan: Plan
    public let directory: String
    /// The SHA-256 of the plan as stored now (what the manifest states: the plan actually
    /// used, even if it was changed behind the triggers — ``verify(_:)`` then refuses).
    public let planSHA256: String
}

/// Opens the round in a directory. A folder that holds no round is a usage error (exit 2);
/// every other failure here is the store's (exit 4): a foreign or corrupt database, a
/// directory without permission, or a plan that no longer loads.
enum OpenRound {
    static func run(_ directory: String) throws(EngineError) -> Round {
        let store: RoundStore
        do {
            store = try RoundStore.open(directory: directory)
        } catch {
            throw StoreErrors.engineError(error)
        }
        let loaded: Plan
        do {
            loaded = try PlanCache.shared.plan(store.meta.planBytes)
        } catch {
            var e = LoadPlan.error(error, path: RoundStore.databasePath(in: directory), kind: .environment)
            e.message = Localized(
                vi: "kế hoạch lưu trong đợt «\(directory)» không đọc được nữa:",
                en: "the plan stored in the round \"\(directory)\" no longer loads:")
            throw e
        }
        let plan = try Self.plan(loaded, period: store.meta.period, directory: directory)
        return Round(store: store, plan: plan, directory: directory, planSHA256: SHA256.hex(store.meta.planBytes))
    }

    /// The stored plan as the round reads it: for a round of a period (`meta.period`), with
    /// that period's deadline (``Plan/forPeriod(_:)``). A period the plan cannot take, or a
    /// recurring plan without one, is something `init` never writes: the store's failure
    /// (exit 4).
    static func plan(_ plan: Plan, period text: String?, directory: String) throws(EngineError) -> Plan {
        guard let text else {
            guard plan.recurrence != nil else { return plan }
            throw unreadablePeriod(
                directory,
                Localized(
                    vi: "kế hoạch có hạn định kỳ nhưng đợt không ghi kỳ nào",
                    en: "the plan's deadline recurs but the round records no period"))
        }
        guard let period = Period(text) else {
            throw unreadablePeriod(
                directory, Localized(vi: "kỳ «\(text)» không hợp lệ", en: "the period \"\(text)\" is invalid"))
        }
        do {
            return try plan.forPeriod(period)
        } catch {
            throw unreadablePeriod(
                directory,
                Localized(
                    vi: "kế hoạch lưu trong đợt không có kỳ \(period.text)",
                    en: "the plan stored in the round has no period \(period.text)"))
        }
    }

    static func unreadablePeriod(_ directory: String, _ detail: Localized) -> EngineError {
        EngineError(
            .environment,
            Localized(
                vi: "kỳ của đợt tổng hợp «\(directory)» không đọc được; không dùng số liệu này",
                en: "the period of the round \"\(directory)\" cannot be read; its figures are not used"),
            details: [detail])
    }
}

extension Round {
    /// Runs `body` in one read snapshot of the store, so that everything it reads is
    /// consistent even while other processes submit; any failure becomes an engine error
    /// (the store's own, an engine error as is, a writer's as an output failure).
    func snapshot<T>(_ body: () throws -> T) throws(EngineError) -> T {
        var failure: (any Error)? = nil
        var result: T? = nil
        do {
            try store.reading { () throws(StoreError) in
                do {
                    result = try body()
                } catch let error as StoreError {
                    throw error
                } catch {
                    failure = error
                    throw StoreError(kind: .io, message: Localized(vi: "", en: ""), detail: "")
                }
            }
        } catch {
            if let failure { throw EngineErrors.from(failure) }
            throw StoreErrors.engineError(error)
        }
        guard let result else { throw EngineErrors.from(failure ?? CancellationError()) }
        return result
    }

    /// Runs `body` in one write transaction; failures as in ``snapshot(_:)``. The file name
    /// names the operation in the store's messages.
    func writing<T>(fileName: String? = nil, _ body: (RoundWriter) throws -> T) throws(EngineError) -> T {
        do {
            return try store.write(fileName: fileName, body)
        } catch {
            throw EngineErrors.from(error)
        }
    }

    /// The contract's tamper checks: the stored plan against its SHA-256, receipt numbers
    /// 1…N without a gap, SQLite's `quick_check` and references (``RoundStore/verify()``),
    /// and — when `counted` is given — the bytes of every receipt that counts re-hashed
    /// against the SHA-256 recorded at intake. Any failure is exit 4 naming what is wrong.
    ///
    /// With `lines`, the counted receipts' lines are also read from their bytes and checked
    /// against what was recorded (``CountedLines``): what `status --verify` promises about
    /// the documents. A command that reads the lines anyway (`package`, `export`) checks
    /// them as it reads, and fails before anything is put in place.
    ///
    /// Call it inside the snapshot the command then reads, so that what was checked is
    /// what is used.
    ///
    /// Complexity: reads every page of the database, and the counted files' bytes (twice
    /// with `lines`).
    /// `others`: receipts re-hashed as well (`status --verify` re-hashes every file received,
    /// returned and refused ones included; the documents use only the counted ones).
    /// `linesFollow`: the caller reads the counted receipts' lines next (``CountedLines``,
    /// `export --what lines`), which checks each file's SHA-256 as it reads and fails before
    /// anything is written: only the receipts whose lines are stored as rows are re-hashed
    /// here, so that each file is hashed once.
    /// `checks`: the checks that read the whole round, started before the caller
    /// consolidated (``RoundStore/startChecks(pages:)``, which then decided `pages`), so that
    /// the page checks overlapped it.
    func verify(
        counted: [StoredReceipt]? = nil, pages: Bool = true, lines: Bool = false, others: [StoredReceipt] = [],
        linesFollow: Bool = false, checks: BackgroundCheck? = nil
    ) throws(EngineError) {
        var rehashed = counted ?? []
        if lines, let counted {
            // Reading the lines hashes the bytes they are read from: only the receipts whose
            // lines are stored as rows are re-hashed apart.
            let reader = try CountedLines(store: store, plan: plan, receipts: counted)
            while try reader.next() != nil {}
            rehashed = counted.filter { reader.readsRows($0.id) }
        } else if linesFollow, let counted {
            rehashed = []
            do throws(StoreError) {
                for receipt in counted where try store.hasStoredLines(receiptID: receipt.id) {
                    rehashed.append(receipt)
                }
            } catch {
                throw StoreErrors.engineError(error)
            }
        }
        let countedIDs = Set((counted ?? []).map(\.id))
        rehashed += others.filter { !countedIDs.contains($0.id) }
        let problems: [LedgerProblem]
        do {
            // The page checks and the re-hash share both cores (BackgroundCheck).
            let files = rehashed.map { ($0.id, $0.sha256) }
            problems =
                try checks.map { checks throws(StoreError) in try store.verify(rehashing: files, checks: checks) }
                ?? store.verify(pages: pages, rehashing: files)
        } catch {
            throw EngineErrors.from(error)
        }
        guard !problems.isEmpty else { return }
        throw Self.checksFailed(directory, problems)
    }

    /// The error of a round that failed its tamper checks (exit 4), naming each problem:
    /// from ``verify(counted:pages:lines:others:)``, or found while a document is made (a source
    /// that no longer has its SHA-256, ``CountedLines`` and ``PackageHasher``).
    static func checksFailed(_ directory: String, _ problems: [LedgerProblem]) -> EngineError {
        EngineError(
            .environment,
            Localized(
                vi: "đợt tổng hợp «\(directory)» không qua được bước kiểm tra; không dùng số liệu này, không ghi gì",
                en: "the round \"\(directory)\" failed its checks; its figures are not used and nothing is written"),
            details: problems.map(\.message)
                + [
                    Localized(
                        vi: "khôi phục cả thư mục đợt từ bản sao lưu, hoặc báo cho người quản lý hệ thống",
                        en: "restore the whole round folder from a backup, or tell whoever runs the system")
                ])
    }
}

/// The plans last loaded by this process, by their exact bytes.
///
/// A command opens its round once; the portal opens it for every request, and parsing a plan
/// of a thousand agencies (names folded to check they are distinct) costs more than the
/// request. A round's plan bytes never change (`meta` is a record), so a plan parsed from
/// the same bytes is the same plan: the bytes themselves are the key (compared whole, so a
/// changed plan is parsed again — and then refused by the tamper checks).
final class PlanCache: @unchecked Sendable {
    static let shared = PlanCache()
    private let lock = NSLock()
    private var entries: [(bytes: [UInt8], plan: Plan)] = []

    func plan(_ bytes: [UInt8]) throws(PlanError) -> Plan {
        lock.lock()
        let hit = entries.first { $0.bytes == bytes }?.plan
        lock.unlock()
        if let hit { return hit }
        let plan = try PlanLoader.load(bytes)
        lock.lock()
        entries.insert((bytes, plan), at: 0)
        if entries.count > 4 { entries.removeLast() }
        lock.unlock()
        return plan
    }
}
