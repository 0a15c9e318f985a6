package io.surrogate.it.twin.pagila;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** pagila's sensitive {@code customer} table as an application maps it. */
@Entity
@Table(name = "customer")
public class Customer {
  @Id
  @Column(name = "customer_id")
  public Integer id;

  @Column(name = "store_id", nullable = false)
  public Integer storeId;

  @Column(name = "first_name", nullable = false)
  public String firstName;

  @Column(name = "last_name", nullable = false)
  public String lastName;

  @Column(name = "email")
  public String email;

  @Column(name = "address_id", nullable = false)
  public Integer addressId;

  @Column(name = "activebool", nullable = false)
  public Boolean activeBool;

  @Column(name = "create_date", nullable = false)
  public LocalDate createDate;

  @Column(name = "last_update")
  public Instant lastUpdate;

  @Column(name = "active")
  public Integer active;
}
