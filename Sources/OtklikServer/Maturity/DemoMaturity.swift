import Foundation
import OtklikCore
import OtklikStore

/// The demo's two maturity self-assessments — one half a year ago and one two weeks ago — so that `/assessment` shows
/// a comparison: culture and insight grew after Otklik came in (feedback, cases, journeys), lifecycle management still
/// lags. A few standards are left not assessed. Storing the same scores again writes nothing, so a restarted demo
/// keeps two assessments.
enum DemoMaturity {
    /// Scores in catalogue order (1a … 7e); -1 is not assessed.
    static let previous: [Int] = [
        2, 1, 1, 1, 2, 1, 0, 2, 1,  // 1 mission and leadership
        2, 1, 1, 1, 1, 0, 1,  // 2 employee experience
        2, 1, 1, 2, 1, 1, 0, 1, 2, 1,  // 3 feedback management
        1, 1, 0, 1, 1, 0, 1,  // 4 data management
        2, 2, 1, 1, 1, -1, 1,  // 5 value management
        1, 0, 0, 1, 1, 0, 1, 1, 1, 2,  // 6 journey management
        0, 0, 1, 1, 1,  // 7 lifecycle
    ]
    static let current: [Int] = [
        3, 2, 3, 2, 2, 3, 1, 2, -1,
        3, 2, 3, 2, 3, 2, 2,
        3, 2, 2, 3, 3, 3, 2, 3, 3, 3,
        2, 2, 1, 2, 2, 2, 2,
        2, 2, 2, 1, 2, -1, 2,
        3, 1, 1, 2, 2, 3, 2, 1, 2, 2,
        1, -1, 2, 1, 2,
    ]
    static let notes: [String: String] = [
        "1c": "Цели по NPS и CSAT по точкам заведены в Отклике (otklik targets), разбираются ежемесячно",
        "1f": "Отдел CX утвердил стандарт сервиса для всех отделений",
        "2e": "Форма /voice на планшетах в каждом отделении",
        "3e": "Темы комментариев разбираются еженедельно",
        "3h": "Все жалобы — кейсы со сроком ответа 24 ч",
        "4d": "Карта лояльности связывает отзывы с клиентом не везде",
        "6f": "У каждого пути есть владелец",
        "7a": "CLV пока не считается",
    ]

    static func assessment(_ scores: [Int], takenAt: Date, scorer: String, withNotes: Bool) -> MaturityAssessment {
        MaturityAssessment(
            id: "", takenAt: takenAt, scorer: scorer,
            items: zip(MaturityCatalogue.items, scores).map { item, score in
                MaturityItemScore(itemId: item.id, score: score < 0 ? nil : score, evidence: withNotes ? notes[item.id] ?? "" : "")
            })
    }

    static func seed(_ database: AppDatabase, now: Date) async throws {
        let repository = SQLMaturityRepository(database: database.sql)
        guard try await repository.assessments().isEmpty else { return }
        _ = try await repository.save(
            assessment(previous, takenAt: now.addingTimeInterval(-182 * 86_400), scorer: "CX-совет", withNotes: false), source: .demo, now: now)
        _ = try await repository.save(
            assessment(current, takenAt: now.addingTimeInterval(-14 * 86_400), scorer: "CX-совет", withNotes: true), source: .demo, now: now)
    }
}
