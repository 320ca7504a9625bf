package dev.lambdaloom.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class BoundedChannelTest {
  @Test
  void sendBlocksWhileFullAndResumesWhenAnItemIsTaken() throws Exception {
    BoundedChannel<Integer> channel = new BoundedChannel<>(3);
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<Throwable> producerEnd = new AtomicReference<>();
    Thread producer = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; ; i++) {
          channel.send(i);
          sent.incrementAndGet();
        }
      } catch (Throwable t) {
        producerEnd.set(t);
      }
    });

    Poll.until("the producer blocks on a full channel",
        () -> sent.get() == 3 && producer.getState() == Thread.State.WAITING);
    assertThat(channel.size()).isEqualTo(3);
    assertThat(sent.get()).isEqualTo(3); // still blocked: nothing more got in

    assertThat(channel.receive()).contains(0);
    Poll.until("the producer sends again", () -> sent.get() == 4 && producer.getState() == Thread.State.WAITING);

    channel.close();
    assertThat(producer.join(Duration.ofSeconds(10))).isTrue();
    assertThat(producerEnd.get()).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void receiversDrainInOrderAfterCloseAndThenGetEmpty() throws Exception {
    BoundedChannel<String> channel = new BoundedChannel<>(4);
    channel.send("a");
    channel.send("b");
    channel.send("c");
    channel.close();

    assertThat(channel.isClosed()).isTrue();
    assertThat(channel.receive()).contains("a");
    assertThat(channel.receive()).contains("b");
    assertThat(channel.receive()).contains("c");
    assertThat(channel.receive()).isEmpty();
    assertThatThrownBy(() -> channel.send("d")).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void closeWakesAWaitingReceiver() throws Exception {
    BoundedChannel<String> channel = new BoundedChannel<>(1);
    AtomicReference<Optional<String>> received = new AtomicReference<>();
    Thread receiver = Thread.ofVirtual().start(() -> {
      try {
        received.set(channel.receive());
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    Poll.until("the receiver waits", () -> receiver.getState() == Thread.State.WAITING);

    channel.close();

    assertThat(receiver.join(Duration.ofSeconds(10))).isTrue();
    assertThat(received.get()).isEmpty();
  }

  @Test
  void cancelHandsBackBufferedItemsAndFailsBothSides() throws Exception {
    BoundedChannel<Integer> channel = new BoundedChannel<>(2);
    channel.send(1);
    channel.send(2);

    assertThat(channel.cancel()).containsExactly(1, 2);
    assertThatThrownBy(channel::receive).isInstanceOf(ChannelClosedException.class);
    assertThatThrownBy(() -> channel.send(3)).isInstanceOf(ChannelClosedException.class);
  }

  @Test
  void blockedSendRespondsToInterruption() throws Exception {
    BoundedChannel<Integer> channel = new BoundedChannel<>(1);
    channel.send(1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread sender = Thread.ofVirtual().start(() -> {
      try {
        channel.send(2);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    Poll.until("the sender blocks", () -> sender.getState() == Thread.State.WAITING);

    sender.interrupt();

    assertThat(sender.join(Duration.ofSeconds(10))).isTrue();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(channel.size()).isEqualTo(1);
  }
}
