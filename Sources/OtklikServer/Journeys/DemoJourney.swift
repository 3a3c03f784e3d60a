import Foundation
import OtklikCore
import OtklikStore

/// The demo's journey "Получение услуги / Getting a service" (awareness → application → visit → result → feedback),
/// bound to what the demo records: calls and contact-centre feedback, submitted requests and chats, the office's
/// buttons and terminals, closed requests and their e-mails, QR feedback and the cases it opened.
enum DemoJourney {
    static let code = "getting-service"

    static let journey = Journey(
        code: code, nameRu: "Получение услуги", nameEn: "Getting a service", owner: JourneyOwner(kind: .staff, id: "S001"),
        northStar: "Клиент узнаёт об услуге за один звонок, подаёт заявку онлайн за 10 минут, в офисе ждёт не больше 10 минут и получает результат в обещанный срок.",
        satisfactionTarget: 85,
        stages: [
            JourneyStage(
                code: "awareness", nameRu: "Узнать об услуге", nameEn: "Learn about the service",
                expectation: "Понятный ответ с первого звонка",
                touchpoints: [JourneyTouchpoint(channel: .callCenter), JourneyTouchpoint(channel: .web)],
                bindings: [JourneyBinding(source: .interaction, channels: [.callCenter]), JourneyBinding(source: .feedback, channels: [.callCenter])]),
            JourneyStage(
                code: "application", nameRu: "Подать заявку", nameEn: "Apply",
                expectation: "Заявка онлайн без визита, консультация в чате",
                touchpoints: [
                    JourneyTouchpoint(channel: .web), JourneyTouchpoint(channel: .mobileApp), JourneyTouchpoint(channel: .chat),
                ],
                bindings: [JourneyBinding(source: .request, statuses: ["open"]), JourneyBinding(source: .feedback, channels: [.chat])]),
            JourneyStage(
                code: "visit", nameRu: "Визит в офис", nameEn: "Visit the office",
                expectation: "Ожидание не больше 10 минут, вежливый специалист",
                touchpoints: [JourneyTouchpoint(channel: .button), JourneyTouchpoint(channel: .terminal)],
                bindings: [JourneyBinding(source: .feedback, channels: [.button, .terminal])]),
            JourneyStage(
                code: "result", nameRu: "Получить результат", nameEn: "Get the result",
                expectation: "Решение в обещанный срок, ответ на письмо в течение дня",
                touchpoints: [JourneyTouchpoint(channel: .email), JourneyTouchpoint(channel: .web)],
                bindings: [
                    JourneyBinding(source: .request, statuses: ["completed", "rejected", "withdrawn"]),
                    JourneyBinding(source: .interaction, channels: [.email]),
                ]),
            JourneyStage(
                code: "feedback", nameRu: "Оценить и пожаловаться", nameEn: "Rate and complain",
                expectation: "Жалобу услышат и перезвонят",
                touchpoints: [JourneyTouchpoint(channel: .qrWeb), JourneyTouchpoint(channel: .callCenter, service: "SV19")],
                bindings: [JourneyBinding(source: .feedback, channels: [.qrWeb]), JourneyBinding(source: .feedbackCase, statuses: ["opened", "closed"])]),
        ])

    /// Stores the demo journey (unchanged on a second run).
    static func seed(_ database: AppDatabase, now: Date) async throws {
        _ = try await SQLJourneyRepository(database: database.sql).put(journey, now: now)
    }
}
