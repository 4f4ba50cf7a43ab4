import { Matches } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,256}$/;

export class RecordIdParam {
  @Matches(ID_PATTERN, { message: 'id must be 1-256 letters, digits or . _ : -' })
  id!: string;
}
