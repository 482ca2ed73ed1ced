package dev.stancetag.example;

import com.google.rpc.BadRequest;
import dev.stancetag.stance.v1.AnalyzeOptions;
import dev.stancetag.stance.v1.AnalyzeRequest;
import dev.stancetag.stance.v1.AnalyzeResponse;
import dev.stancetag.stance.v1.Analysis;
import dev.stancetag.stance.v1.Relation;
import dev.stancetag.stance.v1.StanceServiceGrpc;
import dev.stancetag.stance.v1.Statement;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.TimeUnit;

/**
 * One Analyze call: {@code Example HOST:PORT TEXT} prints each relation of the statement, one a
 * line ({@code holder -> target STANCE score}), or the BadRequest field violations of an
 * INVALID_ARGUMENT error (try an empty TEXT).
 */
public final class Example {
  private Example() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: Example HOST:PORT TEXT");
      System.exit(2);
    }
    ManagedChannel channel = ManagedChannelBuilder.forTarget(args[0]).usePlaintext().build();
    try {
      StanceServiceGrpc.StanceServiceBlockingStub stub =
          StanceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
      AnalyzeResponse resp =
          stub.analyze(
              AnalyzeRequest.newBuilder()
                  .addStatements(Statement.newBuilder().setId("s1").setText(args[1]))
                  .setOptions(AnalyzeOptions.newBuilder().setIncludeEvidence(true))
                  .build());
      for (Analysis a : resp.getAnalysesList()) {
        for (Relation r : a.getRelationsList()) {
          System.out.printf(
              "%s -> %s %s %.3f%n", r.getHolderId(), r.getTargetId(), r.getStance(), r.getScore());
        }
      }
    } catch (StatusRuntimeException e) {
      // The details travel in the grpc-status-details-bin trailer as a google.rpc.Status.
      com.google.rpc.Status st = StatusProto.fromThrowable(e);
      System.err.println(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
      if (st != null) {
        for (com.google.protobuf.Any d : st.getDetailsList()) {
          if (d.is(BadRequest.class)) {
            try {
              for (BadRequest.FieldViolation v : d.unpack(BadRequest.class).getFieldViolationsList()) {
                System.err.println("  " + v.getField() + ": " + v.getDescription());
              }
            } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
              System.err.println("  undecodable BadRequest: " + bad.getMessage());
            }
          }
        }
      }
      System.exit(1);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
