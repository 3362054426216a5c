-- +goose Up
CREATE TABLE never_applied_from_archive (id int);
