package dev.lambdaloom.functions.tourist.domain;

/** What is wrong with one field of a request, as a client can show it next to that field. */
public record FieldError(String field, String message) {}
