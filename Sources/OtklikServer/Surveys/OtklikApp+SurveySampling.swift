import Foundation
import Logging
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The `survey-sampling` feed consumer's name, as `/health` and `/metrics` list it.
    public static let surveySamplingName = "survey-sampling"

    /// The `survey-sampling` feed consumer (one server at a time, under its lease, in feed order): decides the
    /// interactions offered to surveys with each survey's plan, state and fatigue ledger, a plan stratified by segment
    /// with the memberships of `slicer`. Made once and kept (``OtklikApp/surveySampling``), so that `/health` shows the
    /// running loop's own state and last error.
    /// An invitation it decides to deliver waits `handOver` in the outbox first: the offering request (which waits at
    /// most ``offeringWait(_:)``) reads its link meanwhile, and delivery forgets the link.
    static func surveySamplingConsumer(
        database: AppDatabase, slicer: SegmentSlicer, handOver: Duration, instance: String, logger: Logger
    ) -> DurableFeedConsumer {
        let lease = ServiceLease(repository: database.leases, name: "feed-survey-sampling", holder: instance, interval: .seconds(1), logger: logger)
        // `OTKLIK_TEST_CONSUMER_PAUSE_MS` holds it too (Tests/cluster/test_survey_sampling_servers.py kills a server
        // between an offer's commit and its sampling).
        return DurableFeedConsumer(
            name: surveySamplingName, database: database, lease: lease, pause: testPause("OTKLIK_TEST_CONSUMER_PAUSE_MS"), logger: logger
        ) {
            try await database.surveys.sampleOffersFromFeed(
                consumer: surveySamplingName, limit: 100, segments: { codes in try await slicer.stratum(order: codes, now: Date()) },
                handOver: handOver
            ).caughtUp
        }
    }

    /// `POST /api/v1/surveys/{code}/interactions`: stores the offers, then waits for their decisions at most
    /// ``samplingWait``.
    var surveyOffering: SurveyOffering {
        SurveyOffering(surveys: database.surveys, sampling: surveySampling, wait: samplingWait ?? Self.offeringWait(configuration))
    }

    /// How long an offering request waits for its decisions by default: 5 s, or `otklik.case.wait.seconds` when longer.
    /// The `survey-sampling` consumer holds an invitation it decides in the outbox as long (from its decision) before
    /// delivering it, so that the request, which reads the link from the outbox, is not overtaken by the delivery.
    static func offeringWait(_ configuration: AppConfiguration) -> Duration {
        .seconds(max(5, configuration.caseWaitSeconds))
    }
}
