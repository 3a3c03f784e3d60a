import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The programmes' round (on the leader server only): schedules, predictions, due waits, auto-pause.
    var programmeRounds: ProgrammeRounds {
        ProgrammeRounds(runner: ProgrammeRunner(database: database, signals: ProgrammeSignalSources.make(database: database)), interval: .seconds(30), lease: lease("programmes", every: .seconds(30)), logger: logger)
    }

    /// Delivers programmes' messages (e-mail by SMTP, SMS and messenger messages through their gateways; log-only when
    /// none is configured).
    var programmeMessageDispatcher: ProgrammeMessageDispatcher {
        ProgrammeMessageDispatcher(
            programmes: database.programmes, deliveries: database.deliveries,
            mail: configuration.smtpURL == nil ? nil : mailSender as? SMTPMailSender,
            sms: configuration.smsGateway.map { HTTPGatewaySender(settings: $0) },
            messenger: configuration.messengerGateway.map { HTTPGatewaySender(settings: $0) }, from: configuration.mailFrom,
            baseURL: configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)",
            policy: DeliveryPolicy(maxAttempts: 5, baseSeconds: 30), pollInterval: .seconds(2), logger: logger,
            lease: lease("programme-messages", every: .seconds(2)))
    }

    /// `/api/v1/programmes` (with `…/{code}/messages`) and the `/programmes` pages.
    func addProgrammeRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        ProgrammeController(programmes: database.programmes).addRoutes(to: api)
        ProgrammeMessagesController(programmes: database.programmes).addRoutes(to: api)
        ProgrammesPageController(programmes: database.programmes, pages: renderer).addRoutes(to: group)
        ProgrammeMessagesPageController(programmes: database.programmes, pages: renderer, timeZone: analytics.timeZone).addRoutes(to: group)
    }
}
