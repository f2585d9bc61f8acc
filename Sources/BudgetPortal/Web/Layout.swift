import BudgetCore
import BudgetEngine
import Foundation
import HTTPServer

/// The frame of every page and the pieces several pages share.
extension Portal {
    /// A whole page: head (the compiled-in style sheet, no inline style or script), the
    /// top bar (who is signed in, sign-out, the language switch), the simulated-clock
    /// banner when `BUDGET_NOW` is set, the time left to the deadline, and `body`.
    func page(_ ex: Exchange, status: HTTPStatus = .ok, title: String, body: HTMLText) -> HTTPResponse {
        let lang = ex.language
        let other: Language = lang == .vi ? .en : .vi
        let next = ex.request.method == .get ? ex.request.path : "/"
        let switchLink: HTMLText =
            "<a class=\"lang\" href=\"/lang/\(other.rawValue)?next=\(Self.queryEscape(next))\" hreflang=\"\(other.rawValue)\">\(other == .en ? "English" : "Tiếng Việt")</a>"
        var who: HTMLText = ""
        if let session = ex.session, let grant = session.grant {
            let name: String
            if grant.role == .officer {
                name = ex.t("Cán bộ Sở: ", "Officer: ") + grant.subject
            } else {
                name = (plan.agency(matching: grant.subject)?.name ?? grant.subject) + " (\(grant.subject))"
            }
            who = """
                <span class="who">\(name)</span>
                <form class="inline" method="post" action="/sign-out"><input type="hidden" name="csrf" value="\(session.csrf)"><button type="submit" class="link">\(ex.t("Đăng xuất", "Sign out"))</button></form>
                """
        }
        var banner: HTMLText = ""
        if isSimulated {
            banner = """
                <p class="simulated" role="status">\(ex.t("Đồng hồ mô phỏng (BUDGET_NOW): bây giờ là ", "Simulated clock (BUDGET_NOW): it is now ")) \(ISOTime.human(now, in: plan.timeZone, lang)). \(ex.t("Mọi thời điểm ghi nhận đều là giả lập.", "Every recorded time is simulated."))</p>
                """
        }
        let document: HTMLText = """
            <!DOCTYPE html>
            <html lang="\(lang.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) — \(ex.t("Cổng tiếp nhận dự toán", "Estimates portal"))</title>
            <link rel="stylesheet" href="/assets/portal.css">
            </head>
            <body>
            <header class="top">
            <div class="brand"><a href="/">\(plan.consolidator.name)</a><br><small>\(ex.t("Cổng tiếp nhận dự toán kinh phí", "Cost estimates portal")) — \(plan.title)</small></div>
            <nav class="session">\(who) \(switchLink)</nav>
            </header>
            \(banner)
            \(deadlineLine(ex))
            <main>
            <h1>\(title)</h1>
            \(body)
            </main>
            <footer><small>budget \(BudgetVersion.current) — \(ex.t("kế hoạch", "plan")) \(plan.id)</small></footer>
            <script src="/assets/portal.js"></script>
            </body>
            </html>

            """
        return HTTPResponse(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(document.markup.utf8))
    }

    /// "Deadline: … — 1 day 13 h left" (or how late it is now), on every page.
    func deadlineLine(_ ex: Exchange) -> HTMLText {
        let now = self.now
        let deadline = plan.deadline
        var shown = ISOTime.human(deadline.shown, in: plan.timeZone, ex.language)
        // A round of a recurring plan names its period, so that an agency sees which
        // month's report it is sending.
        if let period = plan.period {
            shown += " (" + ex.t("kỳ ", "") + period.label(ex.language) + ")"
        }
        if deadline.isOnTime(now) {
            let left = DurationText.text(seconds: deadline.boundary.timeIntervalSince(now), ex.language)
            return """
                <p class="deadline open">\(ex.t("Hạn gửi", "Deadline")): <strong>\(shown)</strong> — \(ex.t("còn", "")) <strong>\(left)</strong>\(ex.t("", " left")).</p>
                """
        }
        let late = DurationText.text(seconds: now.timeIntervalSince(deadline.boundary), ex.language)
        return """
            <p class="deadline closed">\(ex.t("Hạn gửi", "Deadline")): <strong>\(shown)</strong> — \(ex.t("đã quá hạn", "passed")) \(late)\(ex.t("", " ago")). \(ex.t("Tệp gửi bây giờ được lưu nhưng bị từ chối, trừ khi Sở chấp nhận ngoại lệ.", "A file sent now is kept but refused, unless the Department accepts it by exception."))</p>
            """
    }

    func signInBody(_ ex: Exchange, error: Localized?) -> HTMLText {
        let csrf = ex.session?.csrf ?? ""
        let problem: HTMLText = error.map { "<p class=\"error\" role=\"alert\">\(ex.t($0))</p>" } ?? ""
        return """
            \(problem)
            <form class="card" method="post" action="/sign-in" autocomplete="off">
            <input type="hidden" name="csrf" value="\(csrf)">
            <label for="code">\(ex.t("Mã truy cập (in trên phiếu Sở gửi)", "Access code (printed on the slip from the Department)"))</label>
            <input id="code" name="code" type="password" inputmode="latin" autocapitalize="characters" spellcheck="false" required placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX">
            <button type="submit">\(ex.t("Đăng nhập", "Sign in"))</button>
            </form>
            <p class="help">\(ex.t("Gõ mã không phân biệt chữ hoa, chữ thường; dấu gạch và khoảng trắng có thể bỏ. Mỗi đơn vị một mã; mất mã, liên hệ Sở để được cấp lại.", "Type the code in any case; dashes and spaces may be left out. One code per agency; if it is lost, ask the Department for a new one."))</p>
            """
    }

    func errorBody(_ ex: Exchange, _ refusal: Refusal) -> HTMLText {
        let details: [HTMLText] = refusal.details.map { "<li>\(ex.t($0))</li>" }
        let list: HTMLText = details.isEmpty ? "" : "<ul>\(details)</ul>"
        let back: HTMLText =
            refusal.status == .unauthorized || refusal.status == .tooManyRequests || ex.session?.grant == nil
            ? "<p><a href=\"/\">\(ex.t("Về trang đăng nhập", "Back to sign-in"))</a></p>"
            : "<p><a href=\"/\">\(ex.t("Về trang chính", "Back to the main page"))</a></p>"
        return """
            <p class="error" role="alert">\(ex.t(refusal.message)) (\(refusal.status.code))</p>
            \(list)
            \(back)
            """
    }

    /// The findings of a file as a table: line, column, value, message, hint, code.
    func findingsTable(_ ex: Exchange, _ findings: [Finding], omitted: Int = 0) -> HTMLText {
        guard !findings.isEmpty else {
            return "<p class=\"ok\">\(ex.t("Không có lỗi hay cảnh báo nào.", "No error or warning."))</p>"
        }
        var rows: [HTMLText] = []
        for f in findings {
            let severity: String
            switch f.severity {
            case .error: severity = ex.t("Lỗi", "Error")
            case .warning: severity = ex.t("Cảnh báo", "Warning")
            case .info: severity = ex.t("Ghi chú", "Note")
            }
            rows.append(
                """
                <tr class="\(f.severity.rawValue)"><td>\(f.line.map(String.init) ?? "")</td><td>\(f.column ?? "")</td><td class="value">\(f.value ?? "")</td><td><strong>\(severity)</strong> <code>\(f.code.rawValue)</code><br>\(f.message(ex.language))</td><td>\(f.hint(ex.language) ?? "")</td></tr>
                """)
        }
        let more: HTMLText =
            omitted > 0
            ? "<p>\(ex.t("… và \(omitted) phát hiện khác (dùng lệnh budget check để xem hết).", "… and \(omitted) more findings (budget check lists them all)."))</p>"
            : ""
        return """
            <table class="findings">
            <thead><tr><th>\(ex.t("Dòng", "Line"))</th><th>\(ex.t("Cột", "Column"))</th><th>\(ex.t("Giá trị", "Value"))</th><th>\(ex.t("Nội dung", "Finding"))</th><th>\(ex.t("Gợi ý sửa", "Hint"))</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table>
            \(more)
            """
    }

    /// Money as written in the documents: `189.750.000 đồng`.
    static func money(_ money: Money?) -> String {
        money.map { $0.grouped() + " đồng" } ?? "—"
    }

    func time(_ date: Date, _ ex: Exchange) -> String { ISOTime.human(date, in: plan.timeZone, ex.language) }

    /// A query value percent-encoded (for the `next` of the language switch).
    static func queryEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// A download: the bytes, their type, and a file name for the browser (ASCII only).
    func download(_ bytes: [UInt8], type: String, name: String) -> HTTPResponse {
        HTTPResponse(
            status: .ok,
            headers: ["Content-Type": type, "Content-Disposition": "attachment; filename=\"\(Self.asciiName(name))\""],
            body: bytes)
    }

    /// A download streamed from a file of the scratch folder, removed once sent (or once
    /// the client has gone).
    func download(file path: String, type: String, name: String, remove: String) throws -> HTTPResponse {
        let fileSystem = LocalFileSystem()
        guard let size = fileSystem.size(path) else {
            scratch.remove(remove)
            throw Refusal(
                .serviceUnavailable, Localized(vi: "không đọc được tệp vừa lập", en: "cannot read the file just made"))
        }
        let scratch = self.scratch
        return HTTPResponse(
            status: .ok,
            headers: ["Content-Type": type, "Content-Disposition": "attachment; filename=\"\(Self.asciiName(name))\""],
            length: Int64(size)
        ) { writer in
            defer { scratch.remove(remove) }
            var source = try fileSystem.open(path)
            defer { source.close() }
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { return }
                try writer.write(buffer[0..<count])
            }
        }
    }

    static func asciiName(_ name: String) -> String {
        String(
            name.unicodeScalars.map {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
                    ? Character($0) : "-"
            })
    }
}
