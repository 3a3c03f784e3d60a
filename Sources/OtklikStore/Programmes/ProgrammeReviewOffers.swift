import Foundation
import OtklikCore
import OtklikMetrics

/// Review-link offers to promoters (issue 19 item 7): each message with `{review_link}` gets a random id, the path
/// of Otklik's redirect (`/r/ID`) to the review address for the trigger's location; following it counts a click. The
/// uptake is the share of offers whose message went out that were followed at least once.
enum ProgrammeReviewOffers {
    /// The location of the trigger's feedback or case; nil when it has none.
    static func location(forTrigger key: String, _ tx: any SQLExecutor) async throws -> String? {
        if key.hasPrefix("feedback:") {
            return try await tx.query("SELECT location_code FROM feedback WHERE id = ?", [.text(String(key.dropFirst("feedback:".count)))]).first?
                .text("location_code")
        }
        guard let caseID = try await SQLCaseStatusLinks.caseID(forTrigger: key, tx) else { return nil }
        return try await tx.query("SELECT location_code FROM cases WHERE id = ?", [.text(caseID)]).first?.text("location_code")
    }

    /// A new offer in the caller's transaction; returns its id (the redirect's path).
    static func create(
        programme: String, action: String, customer: String, location: String?, url: String, now: Date, _ tx: any SQLExecutor
    ) async throws -> String {
        let id = SecretToken.random(bytes: 16)
        try await tx.execute(
            "INSERT INTO review_offers (id, programme_code, action_id, customer_id, location_code, url, created_at, clicks) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [.text(id), .text(programme), .text(action), .text(customer), SQLValue(location), .text(url), .int(SQLProgrammeRepository.ms(now))])
        return id
    }
}

extension SQLProgrammeRepository {
    /// Follows a review-link offer: counts the click (the first one's time kept) and returns the review address; nil
    /// for an unknown id.
    public func followReviewLink(id: String, now: Date = Date()) async throws -> String? {
        guard !id.isEmpty, id.count <= 64 else { return nil }
        return try await database.transaction { tx -> String? in
            guard let url = try await tx.query("SELECT url FROM review_offers WHERE id = ?", [.text(id)]).first?.text("url") else { return nil }
            try await tx.execute(
                "UPDATE review_offers SET clicks = clicks + 1, first_clicked_at = COALESCE(first_clicked_at, ?) WHERE id = ?",
                [.int(Self.ms(now)), .text(id)])
            return url
        }
    }

    /// The programme's review-link uptake: offers whose message was sent, and of those the ones followed at least
    /// once; nil when the programme made no offer.
    public func uptake(code: String) async throws -> ProgrammeUptake? {
        let row = try await database.query(
            """
            SELECT COUNT(*) AS made,
                SUM(CASE WHEN m.status = 'sent' THEN 1 ELSE 0 END) AS offered,
                SUM(CASE WHEN m.status = 'sent' AND o.clicks > 0 THEN 1 ELSE 0 END) AS clicked
            FROM review_offers o LEFT JOIN programme_messages m ON m.action_id = o.action_id WHERE o.programme_code = ?
            """, [.text(code)]).first
        guard let row, (row.int("made") ?? 0) > 0 else { return nil }
        return ProgrammeUptake(offered: row.int("offered") ?? 0, clicked: row.int("clicked") ?? 0)
    }
}
