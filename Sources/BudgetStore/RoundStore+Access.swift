import BudgetCore
import CSQLite
import Foundation

/// A portal access code as the round keeps it: never the code itself, only its SHA-256,
/// who it is for, and when and by whom it was issued (and revoked).
public struct StoredAccessCode: Sendable, Hashable {
    /// The row's number (`access_codes.id`).
    public var id: Int64
    public var role: AccessRole
    /// The agency's code for an agency code, the officer's name for an officer code.
    public var subject: String
    /// SHA-256 of the canonical code (see the engine's `AccessCode`), lowercase hex.
    public var codeSHA256: String
    public var issuedAt: Date
    public var clockKind: ClockKind
    /// Who issued it (`cli`, or `officer:NAME` from the portal).
    public var actor: String
    /// The revocation, if the code was revoked or replaced.
    public var revocation: AccessRevocation?

    /// Whether the code still lets its holder in.
    public var isCurrent: Bool { revocation == nil }

    public init(
        id: Int64, role: AccessRole, subject: String, codeSHA256: String, issuedAt: Date, clockKind: ClockKind,
        actor: String, revocation: AccessRevocation? = nil
    ) {
        self.id = id
        self.role = role
        self.subject = subject
        self.codeSHA256 = codeSHA256
        self.issuedAt = issuedAt
        self.clockKind = clockKind
        self.actor = actor
        self.revocation = revocation
    }
}

/// Why and when an access code stopped working.
public struct AccessRevocation: Sendable, Hashable {
    /// `replaced` by a new code for the same subject, or `revoked` outright.
    public enum Why: String, Sendable, Hashable {
        case replaced, revoked
    }
    public var revokedAt: Date
    public var clockKind: ClockKind
    public var actor: String
    public var why: Why

    public init(revokedAt: Date, clockKind: ClockKind, actor: String, why: Why) {
        self.revokedAt = revokedAt
        self.clockKind = clockKind
        self.actor = actor
        self.why = why
    }
}

/// One line of the round's journal of actions (`events`): who did what, when, from where.
public struct RoundEvent: Sendable, Hashable {
    /// The row's number; 0 for an event not recorded yet.
    public var id: Int64
    public var at: Date
    public var clockKind: ClockKind
    /// `cli`, `officer:NAME`, `agency:CODE`, or `anonymous` for a failed sign-in.
    public var actor: String
    /// The client's address (the portal), nil on the command line.
    public var address: String?
    /// What was done: `sign-in`, `sign-in-failed`, `submit`, `void`, `access-issued`…
    public var action: String
    /// The receipt the action concerns, if any.
    public var receiptID: Int64?
    /// Free text: a file name, why a sign-in failed. Never a code or a session id.
    public var detail: String?

    public init(
        id: Int64 = 0, at: Date, clockKind: ClockKind, actor: String, address: String? = nil, action: String,
        receiptID: Int64? = nil, detail: String? = nil
    ) {
        self.id = id
        self.at = at
        self.clockKind = clockKind
        self.actor = actor
        self.address = address
        self.action = action
        self.receiptID = receiptID
        self.detail = detail
    }
}

extension RoundStore {
    /// The columns of an access code and its revocation, in the order ``accessCode(_:)`` reads them.
    static let accessQuery = """
        SELECT c.id, c.role, c.subject, c.code_sha256, c.issued_at, c.clock_kind, c.actor,
            r.revoked_at, r.clock_kind, r.actor, r.why
        FROM access_codes c LEFT JOIN access_revocations r ON r.code_id = c.id
        """

    /// The access code whose SHA-256 is `sha256`, current or not, or nil.
    ///
    /// Complexity: one lookup on the `UNIQUE` index of `code_sha256`.
    public func accessCode(sha256: String) throws(StoreError) -> StoredAccessCode? {
        let statement = try connection.prepare(Self.accessQuery + " WHERE c.code_sha256 = ?1", .read)
        try statement.bind(1, sha256)
        guard try statement.step() else { return nil }
        return try accessCode(statement)
    }

    /// Access code number `id`, or nil.
    public func accessCode(id: Int64) throws(StoreError) -> StoredAccessCode? {
        let statement = try connection.prepare(Self.accessQuery + " WHERE c.id = ?1", .read)
        try statement.bind(1, id)
        guard try statement.step() else { return nil }
        return try accessCode(statement)
    }

    /// Every access code ever issued, oldest first.
    public func accessCodes() throws(StoreError) -> [StoredAccessCode] {
        let statement = try connection.prepare(Self.accessQuery + " ORDER BY c.id", .read)
        var out: [StoredAccessCode] = []
        while try statement.step() { out.append(try accessCode(statement)) }
        return out
    }

    /// The journal, oldest first (at most `limit` of the latest when given).
    public func events(limit: Int? = nil) throws(StoreError) -> [RoundEvent] {
        let sql =
            limit == nil
            ? "SELECT id, at, clock_kind, actor, address, action, receipt_id, detail FROM events ORDER BY id"
            : """
            SELECT * FROM (SELECT id, at, clock_kind, actor, address, action, receipt_id, detail FROM events
                ORDER BY id DESC LIMIT ?1) ORDER BY id
            """
        let statement = try connection.prepare(sql, .read)
        if let limit { try statement.bind(1, Int64(max(0, limit))) }
        var out: [RoundEvent] = []
        while try statement.step() {
            guard let at = InstantText.parse(statement.text(1)), let kind = ClockKind(rawValue: statement.text(2))
            else {
                throw StoreError.damaged(databasePath, .read, what: "event \(statement.int64(0)): time or clock")
            }
            out.append(
                RoundEvent(
                    id: statement.int64(0), at: at, clockKind: kind, actor: statement.text(3),
                    address: statement.optionalText(4), action: statement.text(5),
                    receiptID: statement.optionalInt64(6), detail: statement.optionalText(7)))
        }
        return out
    }

    /// Records one event in its own transaction (a sign-in, a package built): for actions
    /// that change nothing else in the round.
    public func recordEvent(_ event: RoundEvent) throws(StoreError) {
        do {
            _ = try write { writer in try writer.insertEvent(event) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.invalidInput(.write, "\(error)")
        }
    }

    func accessCode(_ statement: Statement) throws(StoreError) -> StoredAccessCode {
        let id = statement.int64(0)
        func damaged(_ what: String) -> StoreError {
            StoreError.damaged(databasePath, .read, what: "access code \(id): \(what)")
        }
        guard let role = AccessRole(rawValue: statement.text(1)) else { throw damaged("role") }
        guard let issued = InstantText.parse(statement.text(4)), let kind = ClockKind(rawValue: statement.text(5))
        else { throw damaged("issued_at or clock_kind") }
        var revocation: AccessRevocation? = nil
        if let revokedText = statement.optionalText(7) {
            guard let revoked = InstantText.parse(revokedText),
                let revokedKind = ClockKind(rawValue: statement.text(8)),
                let why = AccessRevocation.Why(rawValue: statement.text(10))
            else { throw damaged("revocation") }
            revocation = AccessRevocation(
                revokedAt: revoked, clockKind: revokedKind, actor: statement.text(9), why: why)
        }
        return StoredAccessCode(
            id: id, role: role, subject: statement.text(2), codeSHA256: statement.text(3), issuedAt: issued,
            clockKind: kind, actor: statement.text(6), revocation: revocation)
    }
}

extension RoundWriter {
    /// The current (not revoked) codes of `role` for `subject`, oldest first: normally one.
    public func currentAccessCodes(role: AccessRole, subject: String) throws(StoreError) -> [StoredAccessCode] {
        let statement = try connection.prepare(
            RoundStore.accessQuery + " WHERE c.role = ?1 AND c.subject = ?2 AND r.code_id IS NULL ORDER BY c.id",
            operation)
        try statement.bind(1, role.rawValue)
        try statement.bind(2, subject)
        var out: [StoredAccessCode] = []
        while try statement.step() { out.append(try store.accessCode(statement)) }
        return out
    }

    /// Records a new access code (its SHA-256 only) and returns its row number. The schema
    /// refuses a SHA-256 already used (`UNIQUE`): a code is never given twice.
    public func insertAccessCode(
        role: AccessRole, subject: String, codeSHA256: String, at instant: Date, clockKind: ClockKind,
        by requester: Requester
    ) throws(StoreError) -> Int64 {
        guard let text = InstantText.format(instant) else {
            throw StoreError.invalidInput(operation, "issue time \(instant) is outside years 1–9999")
        }
        let insert = try connection.prepare(
            """
            INSERT INTO access_codes (role, subject, code_sha256, issued_at, clock_kind, actor)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """, operation)
        try insert.bind(1, role.rawValue)
        try insert.bind(2, subject)
        try insert.bind(3, codeSHA256)
        try insert.bind(4, text)
        try insert.bind(5, clockKind.rawValue)
        try insert.bind(6, requester.name)
        try insert.run()
        return connection.lastInsertRowID
    }

    /// Records that access code `id` no longer lets anyone in.
    public func insertRevocation(
        codeID id: Int64, why: AccessRevocation.Why, at instant: Date, clockKind: ClockKind, by requester: Requester
    ) throws(StoreError) {
        guard let text = InstantText.format(instant) else {
            throw StoreError.invalidInput(operation, "revocation time \(instant) is outside years 1–9999")
        }
        let insert = try connection.prepare(
            """
            INSERT INTO access_revocations (code_id, revoked_at, clock_kind, actor, why)
            VALUES (?1, ?2, ?3, ?4, ?5)
            """, operation)
        try insert.bind(1, id)
        try insert.bind(2, text)
        try insert.bind(3, clockKind.rawValue)
        try insert.bind(4, requester.name)
        try insert.bind(5, why.rawValue)
        try insert.run()
    }

    /// Appends an event to the journal, in this transaction (so that a receipt and the
    /// event that says who sent it are committed together, or neither).
    @discardableResult
    public func insertEvent(_ event: RoundEvent) throws(StoreError) -> Int64 {
        guard let text = InstantText.format(event.at) else {
            throw StoreError.invalidInput(operation, "event time \(event.at) is outside years 1–9999")
        }
        let insert = try connection.prepare(
            """
            INSERT INTO events (at, clock_kind, actor, address, action, receipt_id, detail)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """, operation)
        try insert.bind(1, text)
        try insert.bind(2, event.clockKind.rawValue)
        try insert.bind(3, event.actor)
        try insert.bind(4, event.address)
        try insert.bind(5, event.action)
        try insert.bind(6, event.receiptID)
        try insert.bind(7, event.detail)
        try insert.run()
        return connection.lastInsertRowID
    }
}

extension RoundStore {
    /// What a consolidation of the round depends on besides the plan: the last receipt
    /// number and the number of annulments. Both tables only grow, and a receipt's lines
    /// and totals are committed with it, so two equal marks mean the same ledger (short of
    /// tampering behind the triggers, which the round's checks catch).
    public func ledgerMark() throws(StoreError) -> LedgerMark {
        let statement = try connection.prepare(
            "SELECT (SELECT coalesce(max(id), 0) FROM receipts), (SELECT count(*) FROM voids)", .read)
        guard try statement.step() else { return LedgerMark(lastReceipt: 0, voids: 0) }
        return LedgerMark(lastReceipt: statement.int64(0), voids: statement.int64(1))
    }
}

/// See ``RoundStore/ledgerMark()``.
public struct LedgerMark: Sendable, Hashable {
    public var lastReceipt: Int64
    public var voids: Int64
}
