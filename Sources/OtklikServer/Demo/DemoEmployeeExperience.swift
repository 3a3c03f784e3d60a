import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The demo's employee experience (issue 20 item 5): twelve former staff who left during
/// the last year (so attrition has leavers), and one closed pulse survey by location answered through its real links,
/// with locations whose answers fall under the minimum (hidden). The 80 staff's hiring dates are in ``DemoCatalogue``.
enum DemoEmployeeExperience {
    static let surveyCode = "pulse-demo"

    static func seed(_ database: AppDatabase, seed: UInt64, end: Date) async throws {
        var random = SeededRandom(seed: seed &+ 0x5EED_E0E0)
        let today = String(Timestamp.format(end).prefix(10))
        let endDay = LocalCalendar.day(parsing: today) ?? 0
        func date(daysBefore days: Int) -> String { LocalCalendar.label(day: endDay - Int32(days)) }
        var staff: [Staff] = []
        // Former staff: hired one to six years before, left within the last year, spread over the locations.
        for number in 81...92 {
            let location = DemoCatalogue.locations[(number * 5) % 11].code
            let region = DemoCatalogue.locations.first { $0.code == location }?.region?.lowercased() ?? "msk"
            let left = 10 + Int(random.next() % 340)
            staff.append(
                Staff(
                    code: String(format: "S%03d", number), name: "\(random.pick(DemoCatalogue.firstNames)) \(random.pick(DemoCatalogue.lastInitials))",
                    location: location, role: "front office", team: "front-\(region)", hiredOn: date(daysBefore: left + 365 + Int(random.next() % 1800)),
                    leftOn: date(daysBefore: left)))
        }
        try await database.reference.save(staff: staff)

        let pulse = database.pulseSurveys
        guard try await pulse.survey(code: surveyCode) == nil else { return }
        // Run six weeks before the demo's end, so that the month after it has customers' feedback beside its eNPS.
        let run = end.addingTimeInterval(-45 * 86_400)
        _ = try await pulse.save(PulseSurvey(code: surveyCode, title: "Пульс-опрос: работа в банке", grouping: .location, minimumGroup: 5), now: run)
        let links = try await pulse.start(code: surveyCode, locations: nil, today: String(Timestamp.format(run).prefix(10)), now: run)
        // About three in four answer; the weak location's staff are less happy.
        for link in links where random.chance(0.75) {
            let weak = link.group == DemoCatalogue.weakLocation
            let score = max(0, min(10, Int(random.normal(mean: weak ? 5.5 : 8, sd: 2).rounded())))
            let comment = random.chance(0.3) ? random.pick(weak ? weakComments : comments) : nil
            _ = try await pulse.answer(token: link.token, score: score, comment: comment)
        }
        _ = try await pulse.close(code: surveyCode, now: run)
    }

    static let comments = [
        "Хорошая команда, но не хватает обучения по новым продуктам", "Нравится коллектив", "Хотелось бы понятнее премии",
        "Мало окон в часы пик", "Руководитель всегда помогает",
    ]
    static let weakComments = ["Слишком много клиентов на одного сотрудника", "Не хватает людей в смене", "Графики меняются в последний момент"]
}
