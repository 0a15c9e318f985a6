package io.surrogate.proxy.relay;

import java.util.List;
import java.util.Map;

/**
 * What the twin said when the relayed session logged in: its run-time parameters (ParameterStatus, in order),
 * its backend's cancel key, and the transaction status of its first ReadyForQuery.
 *
 * @param parameters name and value of each ParameterStatus
 * @param processId the twin backend's process id
 * @param secretKey the twin backend's cancel key
 * @param status the ReadyForQuery status byte ({@code I}, {@code T} or {@code E})
 */
public record TwinGreeting(List<Map.Entry<String, String>> parameters, int processId, int secretKey, char status) {
  public TwinGreeting {
    parameters = List.copyOf(parameters);
  }
}
