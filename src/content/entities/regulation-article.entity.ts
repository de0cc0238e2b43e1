import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Our own index of the 2022 条例's 50 articles (title and summary in our words), from content/regulation. */
@Entity('regulation_articles')
export class RegulationArticle {
  @PrimaryColumn({ type: 'integer' }) number: number;
  @Column({ type: 'integer' }) chapter: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) summary: string;
}
