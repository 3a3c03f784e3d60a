import Foundation
import OtklikCore
import OtklikMetrics

/// The demo's public-service side: service requests at the branches (a third submitted online), e-mails
/// about some of them answered in hours or days, a working-day calendar, and the contact-centre agents'
/// state log (busier in the summer dip). Deterministic for a seed and an end date.
struct DemoProcessGenerator {
    var random: SeededRandom
    var moments: DemoFeedbackGenerator
    let zone = TimeZone(identifier: "Europe/Moscow")!

    init(seed: UInt64, end: Date) {
        random = SeededRandom(seed: seed &+ 0x9E0C)
        moments = DemoFeedbackGenerator(seed: seed &+ 0x12E0, end: end)
    }

    static let branches = DemoCatalogue.locations.map(\.code).filter { $0 != DemoCatalogue.contactCentre }
    static let services = DemoCatalogue.services.prefix(12).map(\.code)

    /// One request, and the e-mails a customer sent about it.
    mutating func make(index: Int) -> (request: ServiceRequest, emails: [Interaction]) {
        let submitted = moments.moment()
        let service = random.pick(Self.services)
        let channel: Channel = random.chance(0.22) ? .web : random.chance(0.15) ? .mobileApp : .other
        let customer = random.chance(0.9) ? String(format: "C%06d", Int(random.next() % 30_000)) : nil
        let id = String(format: "demo-req-%06d", index)
        let serviceNumber = Int(service.dropFirst(2)) ?? 1
        let days = 1 + Double(serviceNumber % 5) * 2 * random.unit() + (moments.inSummerDip(submitted) ? 3 : 0)
        let closed = submitted.addingTimeInterval(days * 86_400)
        var status: RequestStatus = random.chance(0.88) ? .completed : random.chance(0.6) ? .rejected : .withdrawn
        if closed > moments.end { status = .open }
        let cost = status == .completed ? (300 + 150 * Double(serviceNumber) + random.normal(mean: 0, sd: 80)).rounded() : nil
        let request = ServiceRequest(
            id: id, service: service, location: random.pick(Self.branches), channel: channel, customer: customer, submittedAt: submitted,
            status: status, closedAt: status == .open ? nil : closed, cost: cost.map { max($0, 50) })
        var emails: [Interaction] = []
        let count = random.chance(0.45) ? 1 + Int(random.next() % 3) : 0
        for number in 0..<count {
            let arrived = submitted.addingTimeInterval(Double(number) * 86_400 * (0.5 + random.unit()))
            guard arrived < moments.end else { break }
            let slow = moments.inSummerDip(arrived) ? 2.5 : 1.0
            let wait = (3600 * (1 + 90 * slow * random.unit() * random.unit())).rounded()
            let answered = arrived.addingTimeInterval(wait) < moments.end
            emails.append(Interaction(
                id: "\(id)-mail-\(number + 1)", channel: .email, queue: "email", location: DemoCatalogue.contactCentre, service: service,
                customer: customer, topic: service, arrivedAt: arrived, outcome: answered ? .answered : .abandoned,
                waitSeconds: answered ? wait : moments.end.timeIntervalSince(arrived).rounded(.down), talkSeconds: answered ? 300 : nil,
                request: id))
        }
        return (request, emails)
    }

    /// The contact-centre agents' state log for one local day: a 09:00-18:00 shift of 5-20 minute
    /// intervals, handling and wrap-up more often in the summer dip, a lunch break of auxiliary time.
    mutating func agentStates(day: Int32) -> [AgentStateInterval] {
        guard WorkingCalendar().isWorking(day) else { return [] }
        let (year, month, date) = LocalCalendar.civil(day)
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour) = (year, month, date, 9)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let shiftStart = calendar.date(from: parts), shiftStart.addingTimeInterval(9 * 3600) < moments.end else { return [] }
        let busy = moments.inSummerDip(shiftStart) ? 0.82 : 0.66
        var intervals: [AgentStateInterval] = []
        for agent in DemoCallGenerator.agents {
            var clock = shiftStart.addingTimeInterval(60 * 15 * random.unit())
            let shiftEnd = shiftStart.addingTimeInterval(9 * 3600)
            var lunch = false
            while clock < shiftEnd {
                let state: AgentState
                var minutes = 5 + 15 * random.unit()
                if !lunch && clock > shiftStart.addingTimeInterval(4 * 3600) {
                    (state, minutes, lunch) = (.aux, 45, true)
                } else if random.chance(0.05) {
                    state = .aux
                } else if random.chance(busy) {
                    state = random.chance(0.85) ? .handling : .wrap
                } else {
                    state = .available
                }
                let end = min(clock.addingTimeInterval((minutes * 60).rounded()), shiftEnd)
                if end > clock { intervals.append(AgentStateInterval(agent: agent, state: state, start: clock, end: end)) }
                clock = end
            }
        }
        return intervals
    }

    /// Fixed public holidays of the Russian Labour Code (art. 112) for the years touched, with one that falls
    /// on a weekend moved to the next working day (January holidays excepted). The government's yearly
    /// transfers are not in it: import the official calendar for real use.
    static func holidays(years: ClosedRange<Int>) -> [CalendarDay] {
        var days: [CalendarDay] = []
        for year in years {
            let fixed: [(Int, Int, String)] = [
                (1, 1, "Новый год"), (1, 2, "Новогодние каникулы"), (1, 3, "Новогодние каникулы"), (1, 4, "Новогодние каникулы"),
                (1, 5, "Новогодние каникулы"), (1, 6, "Новогодние каникулы"), (1, 7, "Рождество Христово"), (1, 8, "Новогодние каникулы"),
                (2, 23, "День защитника Отечества"), (3, 8, "Международный женский день"), (5, 1, "Праздник Весны и Труда"),
                (5, 9, "День Победы"), (6, 12, "День России"), (11, 4, "День народного единства"),
            ]
            var taken = Set<Int32>()
            for (month, date, name) in fixed {
                guard let day = LocalCalendar.day(parsing: String(format: "%04d-%02d-%02d", year, month, date)) else { continue }
                taken.insert(day)
                days.append(CalendarDay(date: LocalCalendar.label(day: day), working: false, name: name))
            }
            for (month, date, name) in fixed where month > 1 {
                guard let day = LocalCalendar.day(parsing: String(format: "%04d-%02d-%02d", year, month, date)),
                    !WorkingCalendar().isWorking(day)
                else { continue }
                var moved = day + 1
                while !WorkingCalendar().isWorking(moved) || taken.contains(moved) { moved += 1 }
                taken.insert(moved)
                days.append(CalendarDay(date: LocalCalendar.label(day: moved), working: false, name: "\(name) (перенос)"))
            }
        }
        return days.sorted { $0.date < $1.date }
    }
}
