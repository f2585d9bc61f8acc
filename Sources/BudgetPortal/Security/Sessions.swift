import BudgetEngine
import Foundation

/// One browser's session, kept on the server: the cookie carries only its random id.
struct Session: Sendable {
    /// 256 random bits (``Secrets/token()``); the cookie's value.
    let id: String
    /// The form token: every form POST must carry it (compared in constant time).
    let csrf: String
    /// Who signed in; nil for the anonymous session that carries the sign-in form's token.
    var grant: AccessGrant?
    let created: Double
    var lastSeen: Double
    /// The last file checked (`Kiểm tra`), shown by `/agency/checked` (POST, redirect, GET).
    var lastCheck: CheckedFile?
}

/// What the check page shows of the last file checked.
struct CheckedFile: Sendable {
    var check: FileCheck
    /// Findings beyond the first ``Sessions/maxKeptFindings`` are counted, not kept.
    var omittedFindings: Int
}

/// The server-side sessions: random ids, expiring, bounded in number.
///
/// Why server-side: a session can then be ended at once (sign-out, a revoked code) and the
/// cookie holds nothing to tamper with. Signed-in sessions expire after `idle` seconds
/// without a request and `lifetime` seconds in all; anonymous ones (a sign-in form's CSRF
/// token) after `anonymousIdle`. At most `capacity` are kept: over it, expired ones go
/// first, then the least recently used anonymous ones, then the least recently used.
final class Sessions: @unchecked Sendable {
    static let maxKeptFindings = 1000

    let idle: Double
    let lifetime: Double
    let anonymousIdle: Double
    let capacity: Int
    let now: @Sendable () -> Double
    private let lock = NSLock()
    private var sessions: [String: Session] = [:]

    init(
        idle: Double = 3600, lifetime: Double = 12 * 3600, anonymousIdle: Double = 1800, capacity: Int = 50_000,
        now: @escaping @Sendable () -> Double
    ) {
        self.idle = idle
        self.lifetime = lifetime
        self.anonymousIdle = anonymousIdle
        self.capacity = capacity
        self.now = now
    }

    /// The live session with this id, touched; nil if unknown or expired (then forgotten).
    func session(_ id: String?) -> Session? {
        guard let id, !id.isEmpty else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard var session = sessions[id] else { return nil }
        let t = now()
        if isExpired(session, at: t) {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = t
        sessions[id] = session
        return session
    }

    /// A new session (anonymous, or signed in with `grant`); `replacing` is forgotten, so
    /// that signing in always gives a new id (no session fixation).
    func create(grant: AccessGrant? = nil, replacing old: String? = nil) -> Session {
        let t = now()
        let session = Session(id: Secrets.token(), csrf: Secrets.token(), grant: grant, created: t, lastSeen: t)
        lock.lock()
        defer { lock.unlock() }
        if let old { sessions[old] = nil }
        if sessions.count >= capacity { evict(at: t) }
        sessions[session.id] = session
        return session
    }

    /// Forgets a session (sign-out, a revoked code).
    func remove(_ id: String) {
        lock.lock()
        defer { lock.unlock() }
        sessions[id] = nil
    }

    /// Changes a live session.
    func update(_ id: String, _ change: (inout Session) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard var session = sessions[id] else { return }
        change(&session)
        sessions[id] = session
    }

    /// Sessions held now (for tests).
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return sessions.count
    }

    private func isExpired(_ session: Session, at t: Double) -> Bool {
        if session.grant == nil { return t - session.lastSeen > anonymousIdle }
        return t - session.lastSeen > idle || t - session.created > lifetime
    }

    private func evict(at t: Double) {
        sessions = sessions.filter { !isExpired($0.value, at: t) }
        guard sessions.count >= capacity else { return }
        let anonymous = sessions.values.filter { $0.grant == nil }.sorted { $0.lastSeen < $1.lastSeen }
        for session in anonymous.prefix(max(1, sessions.count - capacity * 3 / 4)) { sessions[session.id] = nil }
        guard sessions.count >= capacity else { return }
        let all = sessions.values.sorted { $0.lastSeen < $1.lastSeen }
        for session in all.prefix(sessions.count - capacity * 3 / 4) { sessions[session.id] = nil }
    }
}
