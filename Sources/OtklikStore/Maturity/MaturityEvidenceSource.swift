import Foundation
import OtklikCore
import OtklikMetrics

/// The evidence Otklik holds beside the self-scores, computed from the store on request (never stored):
/// - 3h: cases of kind `complaint` opened in the 90 days before `now`; followed up = the case records a first response
///   (`first_response_at`: a reply, a follow-up that reached the customer, asking them something, or resolving) or a
///   call-back (`called_back_at`);
/// - 3f: users (of every dashboard user) who opened a dashboard page in the last 7 days (UTC days, today included),
///   with the distinct users of each of the last 4 such weeks;
/// - 4d: feedback with a time in the 90 days before `now` that carries a resolved customer id;
/// - 6f: active journeys whose owner is a user or staff member the store knows.
struct MaturityEvidenceSource {
    let database: any SQLDatabase
    static let windowDays = 90

    func evidence(now: Date) async throws -> [MaturityEvidence] {
        let to = SQLMaturityRepository.ms(now)
        let from = SQLMaturityRepository.ms(now.addingTimeInterval(-Double(Self.windowDays) * 86_400))
        let cases = try await database.query(
            """
            SELECT COUNT(*) AS n, COUNT(CASE WHEN first_response_at IS NOT NULL OR called_back_at IS NOT NULL THEN 1 END) AS done
            FROM cases WHERE kind = 'complaint' AND opened_at >= ? AND opened_at < ?
            """, [.int(from), .int(to)]).first
        let feedback = try await database.query(
            "SELECT COUNT(*) AS n, COUNT(customer_id) AS done FROM feedback WHERE ts >= ? AND ts < ?", [.int(from), .int(to)]).first
        let journeys = try await database.query(
            """
            SELECT COUNT(*) AS n, COUNT(CASE WHEN (j.owner_kind = 'user' AND EXISTS (SELECT 1 FROM users u WHERE u.username = j.owner_id))
                OR (j.owner_kind = 'staff' AND EXISTS (SELECT 1 FROM staff s WHERE s.code = j.owner_id)) THEN 1 END) AS done
            FROM journeys j WHERE j.active = 1
            """).first
        let users = try await database.query("SELECT COUNT(*) AS n FROM users").first?.int("n") ?? 0
        var weeks: [Int] = []
        for week in (0..<4).reversed() {
            let last = SQLMaturityRepository.day(now.addingTimeInterval(-Double(week * 7) * 86_400))
            let first = SQLMaturityRepository.day(now.addingTimeInterval(-Double(week * 7 + 6) * 86_400))
            let count = try await database.query(
                """
                SELECT COUNT(DISTINCT v.username) AS n FROM dashboard_visits v
                WHERE v.day >= ? AND v.day <= ? AND EXISTS (SELECT 1 FROM users u WHERE u.username = v.username)
                """, [.text(first), .text(last)]).first?.int("n") ?? 0
            weeks.append(count)
        }
        func share(_ kind: MaturityEvidence.Kind, _ row: SQLRow?) -> MaturityEvidence {
            MaturityEvidence(kind: kind, successes: row?.int("done") ?? 0, n: row?.int("n") ?? 0)
        }
        return [
            MaturityEvidence(kind: .dashboardUsage, successes: weeks.last ?? 0, n: users, weeklyUsers: weeks),
            share(.complaintsFollowedUp, cases),
            share(.feedbackLinkedToCustomer, feedback),
            share(.journeysWithOwner, journeys),
        ]
    }
}
