package io.surrogate.it.twin.pagila;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** pagila's public {@code actor} table as an application maps it. */
@Entity
@Table(name = "actor")
public class Actor {
  @Id
  @Column(name = "actor_id")
  public Integer id;

  @Column(name = "first_name", nullable = false)
  public String firstName;

  @Column(name = "last_name", nullable = false)
  public String lastName;

  @Column(name = "last_update", nullable = false)
  public Instant lastUpdate;
}
